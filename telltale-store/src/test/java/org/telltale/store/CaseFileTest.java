package org.telltale.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.OpaqueConnection;
import org.telltale.testkit.RecordingSink;

class CaseFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewCaseIsASqliteFileInWalModeAtTheLatestSchema() throws Exception {
        Path file = dir.resolve("study.case");
        try (CaseFile c = CaseFile.openOrCreate(file)) {
            assertThat(c.schemaVersion()).isEqualTo(Migrations.latest());
        }
        assertThat(CaseFile.looksLikeCase(file)).isTrue();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = plain.createStatement()) {
            assertThat(text(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(text(s, "PRAGMA application_id")).isEqualTo(String.valueOf(CaseFile.APPLICATION_ID));
            assertThat(text(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                    + "('captures', 'exchanges', 'runs', 'findings', 'destinations')")).isEqualTo("5");
        }
    }

    @Test
    void aCaseFromANewerTelltaleIsRefusedAndLeftByteForByte() throws Exception {
        Path file = dir.resolve("newer.case");
        CaseFile.openOrCreate(file).close();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = plain.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
            s.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> CaseFile.open(file)).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("newer.case").hasMessageContaining("newer Telltale")
                .hasMessageContaining("schema " + (Migrations.latest() + 1))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Arrays.equals(Files.readAllBytes(file), before)).isTrue();
        assertThat(Files.exists(dir.resolve("newer.case-wal"))).isFalse();
    }

    @Test
    void aFileThatIsNoDatabaseIsRefusedNamingIt() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.case"), "just some notes\n");
        assertThatThrownBy(() -> CaseFile.open(notes)).isInstanceOf(CaseFileException.class)
                .hasMessage(notes + ": not a case file (not a SQLite database)");
    }

    @Test
    void anotherProgramsDatabaseIsRefused() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + other);
             Statement s = plain.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> CaseFile.open(other)).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("other.db: not a case file");
    }

    @Test
    void aDamagedCaseIsRefusedInOneLine() throws Exception {
        Path file = dir.resolve("damaged.case");
        byte[] bytes = new byte[8192];
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 16);
        Arrays.fill(bytes, 16, bytes.length, (byte) 0x5a);
        Files.write(file, bytes);
        assertThatThrownBy(() -> CaseFile.open(file)).isInstanceOf(CaseFileException.class)
                .hasMessageStartingWith(file + ": damaged or not a case file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingCaseIsNotCreatedByOpen() {
        Path file = dir.resolve("missing.case");
        assertThatThrownBy(() -> CaseFile.open(file)).hasMessage(file + ": no such case file");
        assertThat(Files.exists(file)).isFalse();
    }

    private static String text(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
    @Test
    void aCaseOfSchemaOneIsBroughtUpToDateKeepingWhatItHeld() throws Exception {
        Path file = dir.resolve("old.case");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            String first = new String(CaseFileTest.class.getResourceAsStream("migrations/001-initial.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String sql : Migrations.statements(first)) {
                s.executeUpdate(sql);
            }
            s.execute("PRAGMA application_id = " + CaseFile.APPLICATION_ID);
            s.execute("PRAGMA user_version = 1");
            s.executeUpdate("INSERT INTO captures (name, sha256, size, format, imported_at, complete) VALUES "
                    + "('a.pcap', '" + "cd".repeat(32) + "', 10, 'pcap', '2026-01-01T00:00:00Z', 1)");
            s.executeUpdate("INSERT INTO opaque_connections (capture_id, seq, origin, protocol, client_port, server_port, sni, alpn) VALUES "
                    + "(1, 0, 'packet 1', 'tls', 0, 443, 'old.example', '[]')");
        }
        try (CaseFile c = CaseFile.open(file)) {
            assertThat(c.schemaVersion()).isEqualTo(Migrations.latest()).isEqualTo(5);
            RecordingSink seen = new RecordingSink();
            c.captures().read(c.captures().list().get(0), seen);
            assertThat(seen.observations).singleElement().isInstanceOfSatisfying(OpaqueConnection.class, o -> {
                assertThat(o.sni()).isEqualTo("old.example");
                assertThat(o.reason()).as("not known for what was imported before").isNull();
                assertThat(o.payload()).as("no raw bytes were kept before migration 4").isNull();
            });
            assertThat(c.markedSessions().list()).isEmpty();
        }
    }
}
