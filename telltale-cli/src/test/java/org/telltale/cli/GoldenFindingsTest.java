package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every finding the built-in detectors make on real captures, with no canary file, is in a golden
 * file beside a verdict judged by hand (true or false, and why): nothing missing, nothing extra.
 * Precision per detector comes from those verdicts, never from the code under test.
 *
 * <p>When a detector changes, {@code -Dtelltale.golden.update=true} rewrites the golden files from
 * what Telltale now finds, keeping the verdict of every finding it still makes and marking new ones
 * "?"; a "?" fails {@link #everyGoldenFindingIsJudged} until a person judged it.
 */
class GoldenFindingsTest {
    private static final Path PCAPS = Path.of("../telltale-formats/src/test/resources/pcap");
    private static final Path HARS = Path.of("../telltale-formats/src/test/resources/har");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("telltale.golden.update");

    @TempDir
    Path dir;

    /** The captures of issue 11's verification: nDPI app captures, the pagexray page loads, mitmproxy's HARs. */
    static List<Path> captures() {
        List<Path> out = new ArrayList<>();
        for (String pcap : List.of("quickplay.pcap", "ocs.pcap", "webex.pcap", "starcraft_battle.pcap", "alexa-app.pcapng",
                "KakaoTalk_chat.pcap", "http_ua_splitted_in_two_pkts.pcapng", "netflix.pcap", "reddit.pcap",
                "xiaomi.pcap", "android.pcap", "iphone.pcap")) {
            out.add(PCAPS.resolve(pcap));
        }
        for (String har : List.of("www.nytimes.com.har", "expressen.har", "chrome.har", "firefox.har", "safari.har",
                "charles.har", "insomnia.har", "postdata.har")) {
            out.add(HARS.resolve(har));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void findingsAreExactlyTheGoldenOnes(Path capture) throws Exception {
        List<GoldenRow> found = analyse(capture);
        Path golden = golden(capture);
        List<GoldenRow> judged = Files.exists(golden) ? GoldenRow.read(golden) : List.of();
        if (UPDATE) {
            GoldenRow.write(golden, capture, GoldenRow.carryVerdicts(found, judged));
            judged = GoldenRow.read(golden);
        }
        assertThat(keys(found)).as("findings on %s against %s (rewrite with -Dtelltale.golden.update=true, then judge)",
                capture.getFileName(), golden).containsExactlyInAnyOrderElementsOf(keys(judged));
    }

    @Test
    void everyGoldenFindingIsJudged() {
        for (Path capture : captures()) {
            for (GoldenRow row : GoldenRow.read(golden(capture))) {
                assertThat(row.verdict()).as("%s: %s", capture.getFileName(), row.key()).isIn("true", "false");
                assertThat(row.reason()).as("%s: %s", capture.getFileName(), row.key()).isNotBlank();
            }
        }
    }

    /** Issue 11's target: at least 0.95 for every detector with more than ten findings. */
    @Test
    void everyDetectorWithMoreThanTenFindingsHasPrecisionAtLeast095() throws IOException {
        Map<String, int[]> perKind = new TreeMap<>();
        for (Path capture : captures()) {
            for (GoldenRow row : GoldenRow.read(golden(capture))) {
                int[] counts = perKind.computeIfAbsent(row.kind(), k -> new int[2]);
                counts[row.verdict().equals("true") ? 0 : 1]++;
            }
        }
        StringBuilder table = new StringBuilder("| kind | findings | true | false | precision |\n|---|---|---|---|---|\n");
        perKind.forEach((kind, c) -> table.append(String.format("| %s | %d | %d | %d | %.2f |%n", kind, c[0] + c[1],
                c[0], c[1], c[0] / (double) (c[0] + c[1]))));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/golden-precision.md"), table);
        perKind.forEach((kind, c) -> {
            if (c[0] + c[1] > 10) {
                assertThat(c[0] / (double) (c[0] + c[1])).as("precision of %s%n%s", kind, table).isGreaterThanOrEqualTo(0.95);
            }
        });
    }

    private List<GoldenRow> analyse(Path capture) throws IOException {
        Path out = dir.resolve("result.json");
        CliRun run = CliRun.of("analyze", capture.toString(), "--format", "json", "--output", out.toString(),
                "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isIn(0, 2);
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        List<GoldenRow> rows = new ArrayList<>();
        for (JsonNode f : result.get("findings")) {
            rows.add(GoldenRow.of(f));
        }
        return rows;
    }

    private static List<String> keys(List<GoldenRow> rows) {
        return rows.stream().map(GoldenRow::key).toList();
    }

    static Path golden(Path capture) {
        return GOLDEN.resolve(capture.getFileName() + ".tsv");
    }

    /** Reads a golden file as UTF-8, failing the test on a missing file rather than throwing checked. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
