package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} and {@code analyze --format html}: the same findings as the JSON output, and bad input said in one line. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The example's case, and the JSON output of its analysis in result.json. */
    private Path exampleCase() throws Exception {
        Path study = ReportFiles.newCase(dir.resolve("study.case"), TestFiles.copy("example/capture.har", dir),
                TestFiles.copy("example/planted.yaml", dir));
        CliRun run = CliRun.of("analyze", study.toString(), "--format", "json", "-o", dir.resolve("result.json").toString(),
                "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return study;
    }

    /** Each finding as flow, canary or kind, value and path: what must match between outputs. */
    private static List<String> findings(JsonNode records) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : records) {
            out.add(f.get("flow").asInt() + " " + f.get("canary").asText() + " " + f.get("kind").asText() + " "
                    + f.get("value").asText() + " " + f.get("provenance").asText() + " " + f.get("start") + "-" + f.get("end"));
        }
        return out.stream().sorted().toList();
    }

    private static List<String> reported(JsonNode data) {
        List<JsonNode> records = new ArrayList<>();
        data.get("findings").forEach(f -> records.add(f.get("finding")));
        return findings(JSON.valueToTree(records));
    }

    @Test
    void theReportOfACaseHoldsExactlyTheFindingsOfItsLatestRunWithTheEvidenceOfEach() throws Exception {
        Path study = exampleCase();
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("report", study.toString(), "-o", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode data = ReportFiles.embedded(html);
        JsonNode json = JSON.readTree(dir.resolve("result.json").toFile());
        assertThat(reported(data)).isNotEmpty().isEqualTo(findings(json.get("findings")));
        assertThat(data.get("evidence")).hasSize(data.get("findings").size());
        for (int i = 0; i < data.get("findings").size(); i++) {
            JsonNode f = data.get("findings").get(i).get("finding");
            JsonNode e = data.get("evidence").get(i);
            assertThat(e.get("problem").isNull()).as(e.toString()).isTrue();
            assertThat(e.get("layers")).hasSize(f.get("steps").size() + 1);
            JsonNode last = data.get("layers").get(e.get("layers").get(e.get("layers").size() - 1).asInt());
            byte[] bytes = java.util.Base64.getDecoder().decode(last.get("data").get("base64").asText());
            String matched = new String(bytes, e.get("match").get(0).asInt(), e.get("match").get(1).asInt()
                    - e.get("match").get(0).asInt(), StandardCharsets.UTF_8);
            assertThat(matched).isEqualTo(f.get("matched").asText());
        }
        JsonNode provenance = data.get("provenance");
        assertThat(provenance.get("captures").get(0).get("sha256").asText())
                .isEqualTo(json.get("flows").get(0).get("id").asText().split("/")[0]);
        assertThat(provenance.get("canary_sha256").asText()).hasSize(64);
        assertThat(provenance.get("datasets").size()).isPositive();
        assertThat(data.get("story").get(0).asText()).startsWith("Telltale read 12 requests in 1 capture");
    }

    @Test
    void theReportCountsEveryRequestTheRunReadNotOnlyThoseWithSomethingFound() throws Exception {
        // Without canaries only the built-in detectors find something, in some of the example's requests.
        Path har = TestFiles.copy("example/capture.har", dir);
        int entries = JSON.readTree(har.toFile()).get("log").get("entries").size();
        Path study = dir.resolve("study.case");
        assertThat(CliRun.of("import", har.toString(), "--case", study.toString(), "--no-progress").exitCode()).isZero();
        CliRun analysis = CliRun.of("analyze", study.toString(), "--format", "json", "--no-progress");
        assertThat(analysis.exitCode()).as(analysis.err()).isZero();
        List<Integer> withFindings = new ArrayList<>();
        JSON.readTree(analysis.out()).get("findings").forEach(f -> withFindings.add(f.get("flow").asInt()));
        long carrying = withFindings.stream().distinct().count();
        assertThat(carrying).as("requests with something found, and some with nothing").isPositive().isLessThan(entries);

        JsonNode data = ReportFiles.embedded(ReportFiles.report(study, dir.resolve("report.html")));
        assertThat(data.get("totals").get("requests").asInt()).isEqualTo(entries);
        assertThat(data.get("totals").get("requests_with_findings").asLong()).isEqualTo(carrying);
        assertThat(data.get("story").get(0).asText()).startsWith("Telltale read " + entries + " requests in 1 capture")
                .contains(carrying + " of them carried personal data");
    }

    @Test
    void analyzeWithFormatHtmlWritesTheSameReportWithoutACase() throws Exception {
        Path study = exampleCase();
        Path fromCase = dir.resolve("case.html");
        Path fromCapture = dir.resolve("capture.html");
        assertThat(CliRun.of("report", study.toString(), "-o", fromCase.toString()).exitCode()).isZero();
        CliRun run = CliRun.of("analyze", dir.resolve("capture.har").toString(), "--canaries",
                dir.resolve("planted.yaml").toString(), "--format", "html", "-o", fromCapture.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode a = ReportFiles.embedded(fromCase);
        JsonNode b = ReportFiles.embedded(fromCapture);
        assertThat(reported(b)).isEqualTo(reported(a));
        assertThat(b.get("story")).isEqualTo(a.get("story"));
        assertThat(b.get("layers")).isEqualTo(a.get("layers"));
        assertThat(b.get("name").asText()).isEqualTo("capture.har");
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("telltale-html-")).toList())
                    .as("the temporary case is deleted").isEmpty();
        }
    }

    @Test
    void aFileThatIsNotACaseOrACaseNeverAnalysedIsSaidInOneLine() throws Exception {
        Path har = TestFiles.copy("example/capture.har", dir);
        CliRun notCase = CliRun.of("report", har.toString(), "-o", dir.resolve("r.html").toString());
        assertThat(notCase.exitCode()).isEqualTo(2);
        assertThat(notCase.err().lines()).hasSize(1).first().asString().contains("capture.har").contains("not a case file");
        Path fresh = dir.resolve("fresh.case");
        assertThat(CliRun.of("import", har.toString(), "--case", fresh.toString(), "--no-progress").exitCode()).isZero();
        CliRun never = CliRun.of("report", fresh.toString(), "-o", dir.resolve("r.html").toString());
        assertThat(never.exitCode()).isEqualTo(2);
        assertThat(never.err().lines()).hasSize(1).first().asString().contains("fresh.case").contains("no finished analysis");
        assertThat(dir.resolve("r.html")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList()).isEmpty();
        }
    }

    @Test
    void aDamagedCaptureIsReportedUpToTheDamageAndSaidOnce() throws Exception {
        Path har = TestFiles.copy("example/capture.har", dir);
        byte[] all = Files.readAllBytes(har);
        Path cut = dir.resolve("cut.har");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3));
        Path html = dir.resolve("cut.html");
        CliRun run = CliRun.of("analyze", cut.toString(), "--format", "html", "-o", html.toString(), "--no-progress");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("telltale: ").contains("cut.har");
        JsonNode data = ReportFiles.embedded(html);
        assertThat(data.get("totals").get("requests").asInt()).isPositive();
        assertThat(data.get("diagnostics")).isNotEmpty();
    }
}
