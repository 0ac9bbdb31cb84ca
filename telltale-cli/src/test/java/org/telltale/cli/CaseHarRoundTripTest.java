package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.formats.har.HarReader;
import org.telltale.testkit.RecordingSink;

/** HAR, into a case, out as HAR again: the same exchanges, headers and bodies byte for byte. */
class CaseHarRoundTripTest {
    @TempDir
    Path dir;

    private Path exported() {
        Path har = TestFiles.copy("example/capture.har", dir);
        Path study = dir.resolve("study.case");
        assertThat(CliRun.of("import", har.toString(), "--case", study.toString()).exitCode()).isZero();
        Path out = dir.resolve("exported.har");
        CliRun export = CliRun.of("export", study.toString(), "--format", "har", "-o", out.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        return out;
    }

    @Test
    void aHarExportedFromACaseReadsBackAsTheImportedExchanges() throws Exception {
        Path out = exported();
        RecordingSink original = new RecordingSink();
        new HarReader().read(dir.resolve("capture.har"), original);
        RecordingSink back = new RecordingSink();
        new HarReader().read(out, back);
        assertThat(original.exchanges()).hasSize(12);
        assertThat(back.exchanges()).usingRecursiveFieldByFieldElementComparator().isEqualTo(original.exchanges());
    }

    /** mitmproxy reads HAR files from version 10 on; Debian 12 ships 8.1, so there this is skipped. */
    @Test
    void mitmproxyReadsTheExportedHar() throws Exception {
        String version = mitmdumpVersion();
        Assumptions.assumeTrue(version != null, "mitmdump is not installed");
        Assumptions.assumeTrue(Integer.parseInt(version.split("\\.")[0]) >= 10,
                "mitmdump " + version + " cannot read HAR (from 10.0 on)");
        Path out = exported();
        Path log = dir.resolve("mitmdump.log");
        Process p = new ProcessBuilder("mitmdump", "-n", "-r", out.toString(), "--set", "flow_detail=1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(printed).isZero();
        RecordingSink original = new RecordingSink();
        new HarReader().read(dir.resolve("capture.har"), original);
        for (var e : original.exchanges()) {
            assertThat(printed).contains(e.request().method());
        }
        assertThat(printed.lines().filter(l -> l.contains("http")).count()).isGreaterThanOrEqualTo(12);
    }

    private static String mitmdumpVersion() {
        try {
            Process p = new ProcessBuilder(List.of("mitmdump", "--version")).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("Mitmproxy:\\s*(\\d+(\\.\\d+)*)").matcher(text);
            return m.find() ? m.group(1) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
