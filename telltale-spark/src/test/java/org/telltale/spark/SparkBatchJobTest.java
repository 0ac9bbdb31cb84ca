package org.telltale.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.batch.Table;
import org.telltale.batch.Tables;
import org.telltale.cli.Main;
import org.telltale.testkit.batch.CaptureFolder;
import org.telltale.testkit.batch.FindingKeys;

/**
 * The Spark job in local mode on two cores, over a few hundred generated captures (a fixed seed, some
 * with their own canary file) and the project's real captures (HAR from five tools, pcap and pcapng,
 * mitmproxy flows of many versions, a damaged one and a file that is no capture), held to two
 * independent paths: {@code telltale batch} on the same inputs, table for table and row for row, and
 * {@code telltale analyze}, capture by capture.
 */
class SparkBatchJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path in;
    static Path all;
    static List<CaptureFolder.Capture> captures;
    static Path sparkOut;
    static Path batchOut;
    static SparkBatchJob.Outcome outcome;

    @BeforeAll
    static void runTheJobAndTheBatchOnTheSameCaptures() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("telltale-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        in = dir.resolve("in");
        captures = new ArrayList<>(CaptureFolder.write(in.resolve("generated"), 2026, 300, 6, 10));
        all = in.resolve("all.canaries.yaml");
        captures.addAll(realCaptures(Files.createDirectories(in.resolve("real"))));
        sparkOut = dir.resolve("spark");
        batchOut = dir.resolve("batch");

        outcome = SparkBatchJob.run(spark, System.out, System.err, in.toString(), "--out", sparkOut.toString(),
                "--canaries", all.toString(), "--partition-mb", "1");
        int batch = Main.execute("batch", in.toString(), "--out", batchOut.toString(), "--canaries", all.toString());
        assertThat(batch).isZero();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The real captures in the project's test resources, the example case with its canary file beside it. */
    private static List<CaptureFolder.Capture> realCaptures(Path real) throws IOException {
        List<CaptureFolder.Capture> out = new ArrayList<>();
        for (String folder : List.of("telltale-formats/src/test/resources/har", "telltale-formats/src/test/resources/pcap",
                "telltale-formats/src/test/resources/mitm")) {
            try (Stream<Path> files = Files.list(REPO.resolve(folder))) {
                for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".json"))
                        .sorted().toList()) {
                    Path copy = Files.copy(f, Files.createDirectories(real.resolve(f.getParent().getFileName()))
                            .resolve(f.getFileName()));
                    out.add(new CaptureFolder.Capture(copy, all, false));
                }
            }
        }
        Path example = Files.copy(REPO.resolve("examples/xiaomi-2020/capture.har"), real.resolve("xiaomi.har"));
        Path planted = Files.copy(REPO.resolve("examples/xiaomi-2020/planted.yaml"), real.resolve("xiaomi.har.canaries.yaml"));
        out.add(new CaptureFolder.Capture(example, planted, true));
        Files.writeString(real.resolve("notes.txt"), "not a capture\n");
        return out;
    }

    @Test
    void everyTableOfTheJobHoldsTheRowsOfTelltaleBatchNoneMissingNoneExtra() {
        assertThat(outcome.code()).isZero();
        assertThat(outcome.analysed()).as("captures and the file that is none").isEqualTo(captures.size() + 1);
        for (Table t : Tables.ROWS) {
            Dataset<Row> s = SparkBatchJob.read(spark, sparkOut.toString(), t).drop(Tables.RUN);
            Dataset<Row> b = SparkBatchJob.read(spark, batchOut.toString(), t).drop(Tables.RUN);
            assertThat(s.count()).as("%s rows", t.name()).isEqualTo(b.count());
            assertThat(s.exceptAll(b).count()).as("%s rows of the job that batch lacks", t.name()).isZero();
            assertThat(b.exceptAll(s).count()).as("%s rows of batch that the job lacks", t.name()).isZero();
        }
        assertThat(SparkBatchJob.read(spark, sparkOut.toString(), Tables.FINDINGS).count()).isPositive();
        for (Table t : Tables.AGGREGATES) {
            Dataset<Row> s = spark.read().parquet(sparkOut.resolve("aggregates").resolve(t.name()).toString());
            Dataset<Row> b = spark.read().parquet(batchOut.resolve("aggregates").resolve(t.name()).toString());
            assertThat(s.columns()).as("%s columns", t.name()).containsExactlyElementsOf(t.names());
            assertThat(s.count()).as("%s rows", t.name()).isPositive().isEqualTo(b.count());
            assertThat(s.exceptAll(b).count()).as("%s rows of the job that batch lacks", t.name()).isZero();
            assertThat(b.exceptAll(s).count()).as("%s rows of batch that the job lacks", t.name()).isZero();
        }
    }

    @Test
    void theJobsFlowsAndFindingsAreThoseAnalyzeReportsForEachCapture() throws IOException {
        Map<String, List<String>> flows = new HashMap<>();
        for (Row r : SparkBatchJob.read(spark, sparkOut.toString(), Tables.FLOWS).select("input", "id").collectAsList()) {
            flows.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1));
        }
        Map<String, List<String>> findings = new HashMap<>();
        for (Row r : SparkBatchJob.read(spark, sparkOut.toString(), Tables.FINDINGS).collectAsList()) {
            findings.computeIfAbsent(r.getAs("capture_sha256"), k -> new ArrayList<>()).add(line(r));
        }
        Map<String, String> shas = new HashMap<>();
        for (Row r : SparkBatchJob.read(spark, sparkOut.toString(), Tables.CAPTURES).select("input", "capture_sha256")
                .collectAsList()) {
            shas.put(r.getString(0), r.getString(1));
        }
        // The real captures and every tenth generated one (those with their own canary file among them).
        List<CaptureFolder.Capture> checked = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            if (i % 10 == 0 || !captures.get(i).har().toString().contains("generated")) {
                checked.add(captures.get(i));
            }
        }
        int canaryFindings = 0;
        for (CaptureFolder.Capture c : checked) {
            Path report = dir.resolve("report.json");
            // The job reads each capture once, as analyze does with --no-cross-exchange.
            int exit = Main.execute("analyze", c.har().toString(), "--canaries", c.canaries().toString(), "--format",
                    "json", "--output", report.toString(), "--no-progress", "--no-cross-exchange");
            assertThat(exit).as("analyze %s", c.har()).isIn(0, 2);
            JsonNode doc = JSON.readTree(report.toFile());
            List<String> ids = new ArrayList<>();
            doc.path("flows").forEach(f -> ids.add(f.path("id").asText()));
            List<String> expected = FindingKeys.ofJson(doc);
            canaryFindings += (int) expected.stream().filter(l -> !l.contains("canary=null")).count();
            String key = c.har().toString();
            assertThat(flows.getOrDefault(key, List.of())).as("flows of %s", key).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(findings.getOrDefault(shas.get(key), List.of())).as("findings of %s", key)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(checked).hasSizeGreaterThan(50);
        assertThat(canaryFindings).isPositive();
    }

    @Test
    void aCaptureThatCannotBeReadIsAnErrorRowNotAFailedJob() {
        List<Row> fatal = SparkBatchJob.read(spark, sparkOut.toString(), Tables.ERRORS).where("fatal")
                .select("capture", "message").collectAsList();
        assertThat(fatal).extracting(r -> r.getString(0)).contains("notes.txt");
        assertThat(outcome.unreadable()).isEqualTo(fatal.stream().map(r -> r.getString(0)).distinct().count());
    }

    @Test
    void aSecondRunSkipsWhatWasAnalysedAndAgainAnalysesItOnceMore(@TempDir Path small) throws IOException {
        Path input = small.resolve("in");
        CaptureFolder.write(input, 77, 12, 5, 4);
        String canaries = small.resolve("all.canaries.yaml").toString();
        // Glob characters in the output's name are taken literally when the job reads its tables back.
        String out = small.resolve("out [1]").toString();

        SparkBatchJob.Outcome first = SparkBatchJob.run(spark, System.out, System.err, input.toString(), "--out", out,
                "--canaries", canaries);
        List<Row> kindsBefore = spark.read().parquet(SparkBatchJob.literal(out + "/aggregates/by_kind")).collectAsList();
        SparkBatchJob.Outcome second = SparkBatchJob.run(spark, System.out, System.err, input.toString(), "--out", out,
                "--canaries", canaries);
        SparkBatchJob.Outcome again = SparkBatchJob.run(spark, System.out, System.err, input.toString(), "--out", out,
                "--canaries", canaries, "--again");

        assertThat(first.analysed()).isEqualTo(12);
        assertThat(second.run()).isNull();
        assertThat(second.analysed()).isZero();
        assertThat(second.skipped()).isEqualTo(12);
        assertThat(again.analysed()).isEqualTo(12);
        assertThat(SparkBatchJob.read(spark, out, Tables.CAPTURES).select(Tables.RUN).distinct().count()).isEqualTo(2);
        assertThat(spark.read().parquet(SparkBatchJob.literal(out + "/aggregates/by_kind")).collectAsList())
                .as("the aggregates take each capture's latest analysis once")
                .containsExactlyInAnyOrderElementsOf(kindsBefore);
    }

    @Test
    void aMissingInputIsOneLineAndCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SparkBatchJob.Outcome o = SparkBatchJob.run(spark, System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                dir.resolve("nowhere").toString(), "--out", dir.resolve("x").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n").contains("nowhere")
                .contains("no such file or folder");
    }

    private static String line(Row r) {
        return FindingKeys.line(name -> {
            Object v = r.getAs(name);
            if (name.equals("steps")) {
                List<String> steps = new ArrayList<>();
                for (Row s : r.<Row>getList(r.fieldIndex("steps"))) {
                    steps.add(FindingKeys.step(s.getString(0), s.getString(1), s.getInt(2),
                            s.isNullAt(3) ? null : s.getInt(3), s.isNullAt(4) ? null : s.getInt(4)));
                }
                return steps;
            }
            if (name.equals("path")) {
                return new ArrayList<>(r.<String>getList(r.fieldIndex("path")));
            }
            return v;
        });
    }
}
