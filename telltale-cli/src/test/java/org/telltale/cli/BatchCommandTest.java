package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Step;
import org.telltale.batch.ParquetTableReader;
import org.telltale.batch.Table;
import org.telltale.batch.Tables;
import org.telltale.testkit.batch.CaptureFolder;
import org.telltale.testkit.batch.FindingKeys;

/**
 * {@code telltale batch} against {@code telltale analyze}: for every capture, generated and real, the
 * flows and findings in the Parquet tables (read back with Parquet's own reader) are those analyze
 * reports for that capture alone with the canary file that applies to it, none missing and none extra.
 */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTablesHoldWhatAnalyzeFindsInEachCaptureWithTheCanariesThatApplyToIt(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        List<CaptureFolder.Capture> captures = new ArrayList<>(CaptureFolder.write(in.resolve("generated"), 7, 24, 12, 3));
        Path real = Files.createDirectories(in.resolve("real"));
        Path example = TestFiles.copy("example/capture.har", real);
        Path planted = TestFiles.copy("example/planted.yaml", real);
        Files.move(planted, real.resolve("capture.har.canaries.yaml"));
        captures.add(new CaptureFolder.Capture(example, real.resolve("capture.har.canaries.yaml"), true));
        Path pcap = TestFiles.copy("pcap/xiaomi.pcap", real);
        Path all = in.resolve("all.canaries.yaml");
        captures.add(new CaptureFolder.Capture(pcap, all, false));
        Path out = dir.resolve("tables");

        CliRun run = CliRun.of("batch", in.resolve("generated").toString(), real.toString(), "--out", out.toString(),
                "--canaries", all.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(captures.size() + " captures analysed");
        Map<String, List<String>> flowsByCapture = group(out, Tables.FLOWS, "input", r -> (String) r.get("id"));
        Map<String, List<String>> findingsByCapture = group(out, Tables.FINDINGS, "capture_sha256",
                BatchCommandTest::findingLine);
        Map<String, String> shaByInput = new HashMap<>();
        for (Object[] r : ParquetTableReader.readAll(out, Tables.CAPTURES)) {
            shaByInput.put((String) r[Tables.CAPTURES.index("input")], (String) r[Tables.CAPTURES.index("capture_sha256")]);
        }
        assertThat(shaByInput).hasSize(captures.size());
        int canaryFindings = 0;
        for (CaptureFolder.Capture c : captures) {
            Path report = dir.resolve("report.json");
            // batch reads each capture once, as analyze does with --no-cross-exchange.
            CliRun analyze = CliRun.of("analyze", c.har().toString(), "--canaries", c.canaries().toString(),
                    "--format", "json", "--output", report.toString(), "--no-cross-exchange");
            assertThat(analyze.exitCode()).as(analyze.err()).isZero();
            JsonNode doc = JSON.readTree(report.toFile());
            List<String> flowIds = new ArrayList<>();
            doc.path("flows").forEach(f -> flowIds.add(f.path("id").asText()));
            List<String> expected = FindingKeys.ofJson(doc);
            canaryFindings += (int) expected.stream().filter(l -> !l.contains("canary=null")).count();

            assertThat(flowsByCapture.getOrDefault(c.har().toString(), List.of())).as("flows of %s", c.har())
                    .containsExactlyInAnyOrderElementsOf(flowIds);
            assertThat(findingsByCapture.getOrDefault(shaByInput.get(c.har().toString()), List.of()))
                    .as("findings of %s", c.har()).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(canaryFindings).as("canary findings, from own canary files and the one for all").isPositive();
    }

    @Test
    void aCaptureAnalysedBeforeIsSkippedUnlessAskedAndTheAggregatesCountItOnce(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        CaptureFolder.write(in, 11, 6, 10, 2);
        Path out = dir.resolve("tables");
        String all = dir.resolve("all.canaries.yaml").toString();

        CliRun first = CliRun.of("batch", in.toString(), "--out", out.toString(), "--canaries", all);
        CliRun second = CliRun.of("batch", in.toString(), "--out", out.toString(), "--canaries", all);
        List<Object[]> aggregatesBefore = ParquetTableReader.readAll(out, Tables.BY_KIND);
        CliRun again = CliRun.of("batch", in.toString(), "--out", out.toString(), "--canaries", all, "--again");

        assertThat(first.out()).contains("6 captures analysed");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("nothing to analyse: 6 captures were analysed before");
        assertThat(again.out()).contains("6 captures analysed");
        assertThat(runs(out, Tables.CAPTURES)).as("runs that wrote captures rows").hasSize(2);
        assertThat(ParquetTableReader.readAll(out, Tables.CAPTURES)).hasSize(12);
        assertThat(lines(ParquetTableReader.readAll(out, Tables.BY_KIND)))
                .as("the aggregates take each capture's latest analysis once")
                .containsExactlyInAnyOrderElementsOf(lines(aggregatesBefore));

        // A changed canary file is a new specification: the captures it applies to are analysed again.
        Path own = Files.list(in.resolve("device-1")).filter(p -> p.toString().endsWith(".har")).findFirst().orElseThrow();
        Files.writeString(own.resolveSibling(own.getFileName() + ".canaries.yaml"),
                "canaries:\n  - id: x\n    type: text\n    value: \"nothing like this is sent\"\n");
        CliRun changed = CliRun.of("batch", in.toString(), "--out", out.toString(), "--canaries", all);
        assertThat(changed.out()).contains("1 captures analysed").contains("5 analysed before and skipped");
    }

    @Test
    void aCaptureWithItsOwnCanaryFileIsSearchedForItsCanariesAndTheSameBytesWithoutItAreNot(@TempDir Path dir)
            throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path with = TestFiles.copy("example/capture.har", in);
        Files.copy(with, in.resolve("copy.har"));
        Files.move(TestFiles.copy("example/planted.yaml", in), in.resolve("capture.har.canaries.yaml"));
        Path out = dir.resolve("tables");

        assertThat(CliRun.of("batch", in.toString(), "--out", out.toString()).exitCode()).isZero();

        Map<String, Integer> canaryFindings = new HashMap<>();
        Table f = Tables.FINDINGS;
        for (Object[] r : ParquetTableReader.readAll(out, f)) {
            canaryFindings.merge((String) r[f.index("capture")], r[f.index("canary")] != null ? 1 : 0, Integer::sum);
        }
        assertThat(canaryFindings.get("capture.har")).isPositive();
        assertThat(canaryFindings.get("copy.har")).isZero();
        Map<String, Object[]> captures = new HashMap<>();
        ParquetTableReader.readAll(out, Tables.CAPTURES).forEach(r -> captures.put((String) r[0], r));
        int canaries = Tables.CAPTURES.index("canaries");
        assertThat(captures.get("capture.har")[canaries]).isEqualTo("capture.har.canaries.yaml");
        assertThat(captures.get("copy.har")[canaries]).isNull();
    }

    @Test
    void aCaptureThatCannotBeReadIsAnErrorRowAndADamagedOneKeepsWhatCameBeforeTheDamage(@TempDir Path dir)
            throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        String text = Files.readString(TestFiles.copy("example/capture.har", dir), StandardCharsets.UTF_8);
        int cut = text.indexOf("\"startedDateTime\": \"2020-04-21T09:11:05.123Z\"");
        Files.writeString(in.resolve("truncated.har"), text.substring(0, cut + 20));
        Files.writeString(in.resolve("notes.txt"), "not a capture at all\n");
        Path out = dir.resolve("tables");

        CliRun run = CliRun.of("batch", in.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 captures analysed").contains("2 not readable to their end");
        Table e = Tables.ERRORS;
        Map<String, List<String>> fatal = new HashMap<>();
        for (Object[] r : ParquetTableReader.readAll(out, e)) {
            if (Boolean.TRUE.equals(r[e.index("fatal")])) {
                fatal.computeIfAbsent((String) r[e.index("capture")], k -> new ArrayList<>()).add((String) r[e.index("message")]);
            }
        }
        assertThat(fatal.keySet()).containsExactlyInAnyOrder("truncated.har", "notes.txt");
        assertThat(fatal.get("notes.txt")).singleElement().asString().contains("not a capture Telltale can read");
        Set<String> flowsOf = new HashSet<>();
        ParquetTableReader.readAll(out, Tables.FLOWS).forEach(r -> flowsOf.add((String) r[0]));
        assertThat(flowsOf).containsExactly("truncated.har");
    }

    @Test
    void aMissingInputOrABadCanaryFileIsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "canaries: [ {id: a, type: nonsense, value: abcdef} ]\n");

        CliRun missing = CliRun.of("batch", dir.resolve("nowhere").toString(), "--out", dir.resolve("o").toString());
        CliRun badCanaries = CliRun.of("batch", dir.toString(), "--out", dir.resolve("o").toString(), "--canaries",
                bad.toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("nowhere").contains("no such file or folder");
        assertThat(badCanaries.exitCode()).isEqualTo(2);
        assertThat(badCanaries.err().strip()).doesNotContain("\n").contains("bad.yaml");
    }

    private static Set<String> runs(Path out, Table table) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve(table.name()))) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static List<String> lines(List<Object[]> rows) {
        return rows.stream().map(r -> java.util.Arrays.toString(java.util.Arrays.copyOf(r, r.length - 1))).toList();
    }

    /** A row as a map from column to value. */
    private interface RowLine {
        String line(Map<String, Object> row);
    }

    private static Map<String, List<String>> group(Path out, Table table, String by, RowLine line) throws IOException {
        Map<String, List<String>> groups = new HashMap<>();
        for (Object[] r : ParquetTableReader.readAll(out, table)) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < table.columns().size(); i++) {
                row.put(table.columns().get(i).name(), r[i]);
            }
            groups.computeIfAbsent((String) row.get(by), k -> new ArrayList<>()).add(line.line(row));
        }
        return groups;
    }

    private static String findingLine(Map<String, Object> row) {
        return FindingKeys.line(name -> {
            Object v = row.get(name);
            if (name.equals("steps")) {
                List<String> steps = new ArrayList<>();
                for (Object o : (List<?>) v) {
                    Step s = (Step) o;
                    steps.add(FindingKeys.step(s.decoder(), s.label(), s.index(), s.hasSpan() ? s.start() : null,
                            s.hasSpan() ? s.end() : null));
                }
                return steps;
            }
            return v;
        });
    }
}
