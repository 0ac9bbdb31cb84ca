package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import, analyze of a case, case info, export and prune, as a user runs them, on the README's example. */
class CaseCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path har;
    private Path canaries;
    private Path study;

    private void importExample(String... more) {
        har = TestFiles.copy("example/capture.har", dir);
        canaries = TestFiles.copy("example/planted.yaml", dir);
        study = dir.resolve("study.case");
        List<String> args = new ArrayList<>(List.of("import", har.toString(), "--case", study.toString(), "--canaries",
                canaries.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("capture.har: 12 exchanges added");
    }

    private JsonNode analyzeJson(String... args) throws Exception {
        Path out = dir.resolve("result-" + System.nanoTime() + ".json");
        List<String> all = new ArrayList<>(List.of("analyze"));
        all.addAll(List.of(args));
        all.addAll(List.of("--format", "json", "--output", out.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(out.toFile());
    }

    /** What a person compares: which flow (by stable id) leaked which canary, along which path. */
    private static List<String> leaks(JsonNode findings) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings) {
            out.add(f.get("flow_id").asText() + " " + f.get("canary").asText() + " " + f.get("provenance").asText());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void importingTheSameCaptureTwiceAddsNothing() {
        importExample();
        CliRun again = CliRun.of("import", har.toString(), "--case", study.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("capture.har: already in the case");
        CliRun info = CliRun.of("case", "info", study.toString());
        assertThat(info.out()).contains("captures: 1, exchanges: 12").contains("canaries: " + canaries);
    }

    @Test
    void aCaseAnalysedWithItsStoredCanariesFindsWhatTheCaptureItselfGives() throws Exception {
        importExample();
        JsonNode direct = analyzeJson(har.toString(), "--canaries", canaries.toString());
        JsonNode fromCase = analyzeJson(study.toString());
        assertThat(leaks(fromCase.get("findings"))).isNotEmpty().isEqualTo(leaks(direct.get("findings")));
        assertThat(fromCase.get("flows")).hasSize(12);
        CliRun info = CliRun.of("case", "info", study.toString());
        assertThat(info.out()).contains("runs: 1; latest #1").contains("findings by kind:")
                .contains("findings by organisation:");
        Path jsonl = dir.resolve("latest.jsonl");
        assertThat(CliRun.of("export", study.toString(), "--format", "jsonl", "-o", jsonl.toString()).exitCode()).isZero();
        List<JsonNode> exported = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode n = JSON.readTree(line);
            if (n.get("type").asText().equals("finding")) {
                exported.add(n);
            }
        }
        assertThat(leaks(JSON.valueToTree(exported))).isEqualTo(leaks(direct.get("findings")));
    }

    @Test
    void reanalysingWithAnotherCanaryFileMakesASecondRunWhoseFindingsFollowIt() throws Exception {
        importExample();
        analyzeJson(study.toString());
        Path onlyFolder = Files.writeString(dir.resolve("folder-only.yaml"), "canaries:\n  - id: folder\n    type: path\n"
                + "    value: \"/storage/emulated/0/DCIM/Holiday Bucharest 2020\"\n", StandardCharsets.UTF_8);
        JsonNode second = analyzeJson(study.toString(), "--canaries", onlyFolder.toString());
        Path json = dir.resolve("latest.json");
        assertThat(CliRun.of("export", study.toString(), "--format", "json", "-o", json.toString()).exitCode()).isZero();
        JsonNode latest = JSON.readTree(json.toFile());
        List<String> canaryIds = new ArrayList<>();
        latest.get("findings").forEach(f -> canaryIds.add(f.get("canary").asText()));
        assertThat(canaryIds).isNotEmpty().allMatch(id -> id.equals("folder") || id.equals("null"));
        assertThat(leaks(latest.get("findings"))).isEqualTo(leaks(second.get("findings")));
        assertThat(CliRun.of("case", "info", study.toString()).out()).contains("runs: 2; latest #2")
                .contains("canaries: " + onlyFolder);
        // and with no canaries given, the case now uses the last file given
        JsonNode third = analyzeJson(study.toString());
        assertThat(leaks(third.get("findings"))).isEqualTo(leaks(second.get("findings")));
        CliRun prune = CliRun.of("case", "prune", study.toString(), "--keep", "1");
        assertThat(prune.out()).contains("2 runs deleted");
        assertThat(CliRun.of("case", "info", study.toString()).out()).contains("runs: 1; latest #3");
    }

    @Test
    void tlsSecretsAreStoredOnlyWhenAskedAndThenSaidSo() {
        importExample("--keep-tls-secrets");
        // the example HAR carries no secrets, so nothing is flagged either way
        assertThat(CliRun.of("case", "info", study.toString()).out()).doesNotContain("holds TLS secrets");
    }

    @Test
    void badCasesGetOneLineNamingTheFileAndExitTwo() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.case"), "notes\n");
        for (String[] args : List.of(new String[] {"case", "info", notes.toString()},
                new String[] {"export", notes.toString(), "--format", "har"},
                new String[] {"case", "info", dir.resolve("missing.case").toString()})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip()).doesNotContain("\n").contains(".case").doesNotContain("Exception");
        }
        importExample();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + study);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        CliRun newer = CliRun.of("analyze", study.toString());
        assertThat(newer.exitCode()).isEqualTo(2);
        assertThat(newer.err().strip()).isEqualTo("telltale: " + study + ": written by a newer Telltale (case schema 99; "
                + "this one reads up to 5); update Telltale to open it");
        CliRun mixed = CliRun.of("analyze", dir.resolve("other.case").toString(), har.toString());
        assertThat(mixed.exitCode()).isEqualTo(2);
        CliRun noRun = CliRun.of("export", dir.resolve("fresh.case").toString(), "--format", "jsonl");
        assertThat(noRun.exitCode()).isEqualTo(2);
    }
}
