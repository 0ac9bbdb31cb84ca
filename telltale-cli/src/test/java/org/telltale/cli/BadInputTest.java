package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line naming the file and the place, exit code 2, and no stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertNoStackTrace(CliRun run) {
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("\tat ");
    }

    @Test
    void aMissingCaptureIsNamedAndExitsWithTwo() {
        Path missing = dir.resolve("nothing-here.har");
        CliRun run = CliRun.of("analyze", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nothing-here.har").contains("no such file");
        assertNoStackTrace(run);
    }

    @Test
    void aFileThatIsNoCaptureIsRefusedWithItsName() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "these are my notes, not a capture\n");
        CliRun run = CliRun.of("analyze", notes.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("notes.txt").contains("not a capture");
        assertNoStackTrace(run);
    }

    @Test
    void aTruncatedHarStillReportsWhatCameBeforeTheDamage() throws Exception {
        Path good = TestFiles.copy("example/capture.har", dir);
        String text = Files.readString(good, StandardCharsets.UTF_8);
        int cut = text.indexOf("\"startedDateTime\": \"2020-04-21T09:11:05.123Z\"");
        Path truncated = Files.writeString(dir.resolve("truncated.har"), text.substring(0, cut + 20));
        Path canaries = TestFiles.copy("example/planted.yaml", dir);
        Path out = dir.resolve("result.json");
        CliRun run = CliRun.of("analyze", truncated.toString(), "--canaries", canaries.toString(), "--format", "json",
                "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("truncated.har").containsPattern("line \\d+");
        assertNoStackTrace(run);
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        assertThat(result.get("flows")).hasSize(7);
        assertThat(result.get("findings").findValuesAsText("canary")).contains("folder", "visit-private");
        assertThat(result.get("diagnostics").get(0).get("fatal").asBoolean()).isTrue();
    }

    @Test
    void aGoodCaptureIsAnalysedEvenWhenAnotherInputIsMissing() throws Exception {
        Path good = TestFiles.copy("example/capture.har", dir);
        Path out = dir.resolve("result.json");
        CliRun run = CliRun.of("analyze", dir.resolve("gone.pcap").toString(), good.toString(), "--format", "json",
                "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gone.pcap");
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        assertThat(result.get("inputs")).hasSize(2);
        assertThat(result.get("flows")).hasSize(12);
    }

    @Test
    void aCanaryFileWithAnUnknownTypeIsRefusedNamingTheFile() throws Exception {
        Path good = TestFiles.copy("example/capture.har", dir);
        Path canaries = Files.writeString(dir.resolve("planted.yaml"),
                "canaries:\n  - id: a\n    type: passport\n    value: \"X1234567\"\n");
        CliRun run = CliRun.of("analyze", good.toString(), "--canaries", canaries.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("planted.yaml").contains("passport");
        assertNoStackTrace(run);
    }

    @Test
    void anUnknownReportFormatIsAUsageError() throws Exception {
        Path good = TestFiles.copy("example/capture.har", dir);
        CliRun run = CliRun.of("analyze", good.toString(), "--format", "xml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format");
    }

    @Test
    void failOnFindingsExitsWithOneWhenSomethingLeaked() throws Exception {
        Path good = TestFiles.copy("example/capture.har", dir);
        Path canaries = TestFiles.copy("example/planted.yaml", dir);
        CliRun run = CliRun.of("analyze", good.toString(), "--canaries", canaries.toString(), "--fail-on-findings");
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
