package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case is an ordinary SQLite database: the sqlite3 command-line tool (Debian's, which .ci/run
 * installs) opens it, finds it intact, and reads the exchanges, the run and its findings with plain SQL.
 */
class CaseInSqliteToolTest {
    @Test
    void theSqlite3ToolOpensACaseAndReadsWhatTelltaleWrote(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Path.of("/usr/bin/sqlite3").toFile().canExecute(), "sqlite3 is not installed");
        Path har = TestFiles.copy("example/capture.har", dir);
        Path canaries = TestFiles.copy("example/planted.yaml", dir);
        Path study = dir.resolve("study.case");
        assertThat(CliRun.of("import", har.toString(), "--case", study.toString(), "--canaries", canaries.toString(),
                "--no-progress").exitCode()).isZero();
        CliRun analyzed = CliRun.of("analyze", study.toString(), "--format", "json", "-o", dir.resolve("r.json").toString(),
                "--no-progress");
        assertThat(analyzed.exitCode()).as(analyzed.err()).isZero();

        String out = sqlite3(study, "PRAGMA integrity_check; SELECT count(*) FROM exchanges;"
                + " SELECT count(*) FROM findings WHERE run_id = (SELECT max(id) FROM runs);"
                + " SELECT kind FROM findings WHERE canary = 'search-incognito' LIMIT 1;");

        com.fasterxml.jackson.databind.JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("r.json").toFile());
        assertThat(out.strip().lines()).containsExactly("ok", Integer.toString(result.get("flows").size()),
                Integer.toString(result.get("findings").size()), "search");
    }

    private static String sqlite3(Path db, String sql) throws Exception {
        Process p = new ProcessBuilder(List.of("/usr/bin/sqlite3", "-readonly", db.toString(), sql))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
