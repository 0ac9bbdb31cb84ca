package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * A real {@code telltale import} in its own JVM, killed with SIGKILL part-way: the case must open
 * intact, hold only whole batches, and those must be the first exchanges of the capture, in order.
 */
class ImportKillTest {
    private static final int ENTRIES = 300_000;
    private static final int BATCH = 1000;

    @TempDir
    Path dir;

    /** A HAR of many small entries, written as a stream (a tree of this many would be large). */
    private static void writeHar(Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("log");
            g.writeStringField("version", "1.2");
            g.writeArrayFieldStart("entries");
            for (int i = 0; i < ENTRIES; i++) {
                g.writeStartObject();
                g.writeStringField("startedDateTime", "2024-05-01T10:00:00.000Z");
                g.writeObjectFieldStart("request");
                g.writeStringField("method", "GET");
                g.writeStringField("url", "https://t.example/p?i=" + i);
                g.writeArrayFieldStart("headers");
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("response");
                g.writeNumberField("status", 204);
                g.writeArrayFieldStart("headers");
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    @Test
    void aKilledImportLeavesAnIntactCaseOfWholeBatchesInCaptureOrder() throws Exception {
        Path har = dir.resolve("big.har");
        writeHar(har);
        Path study = dir.resolve("study.case");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "import", har.toString(), "--case", study.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (seen < 3 * BATCH && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (Files.exists(study)) {
                try (Connection c = readOnly(study)) {
                    seen = count(c, "SELECT count(*) FROM exchanges");
                } catch (SQLException e) {
                    // not created yet, or its tables not yet committed
                }
            }
        }
        assertThat(child.isAlive()).as("the import must still be running when killed; log: %s",
                Files.readString(dir.resolve("child.log"))).isTrue();
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback, no close
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (Connection c = readOnly(study); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("ok");
            }
            long stored = count(c, "SELECT count(*) FROM exchanges");
            assertThat(stored).isGreaterThanOrEqualTo(seen).isLessThan(ENTRIES);
            assertThat(stored % BATCH).isZero();
            assertThat(count(c, "SELECT exchanges FROM captures")).isEqualTo(stored);
            assertThat(count(c, "SELECT complete FROM captures")).isZero();
            long i = 0;
            try (ResultSet r = s.executeQuery("SELECT origin, url FROM exchanges ORDER BY id")) {
                while (r.next()) {
                    assertThat(r.getString(1)).isEqualTo("entry " + i);
                    assertThat(r.getString(2)).isEqualTo("https://t.example/p?i=" + i);
                    i++;
                }
            }
            assertThat(i).isEqualTo(stored);
        }
        CliRun info = CliRun.of("case", "info", study.toString());
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("import did not finish");
    }
}
