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
}
