package org.telltale.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One case: a SQLite database in WAL mode that any SQLite tool opens (schema in docs/case-schema.md).
 * Opening brings an older schema up to date and refuses a newer one without touching it. Each
 * instance holds one connection in manual-commit mode; use one per thread, and at most one writer
 * at a time per file.
 */
public final class CaseFile implements AutoCloseable {
    /** The first 16 bytes of every SQLite 3 database. */
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** {@code PRAGMA application_id} of a case: "TTLT", so other SQLite files are told apart. */
    static final int APPLICATION_ID = 0x54544C54;

    private final Path file;
    private final Connection connection;

    private CaseFile(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens a case, creating it when the file does not exist. */
    public static CaseFile openOrCreate(Path file) throws CaseFileException {
        return open(file, true);
    }

    /** Opens an existing case. */
    public static CaseFile open(Path file) throws CaseFileException {
        return open(file, false);
    }

    /** Whether the file starts as a SQLite database does; the CLI tells cases from captures this way. */
    public static boolean looksLikeCase(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    private static CaseFile open(Path file, boolean create) throws CaseFileException {
        boolean exists = Files.exists(file);
        if (!exists && !create) {
            throw new CaseFileException(file + ": no such case file");
        }
        if (exists && !Files.isRegularFile(file)) {
            throw new CaseFileException(file + ": is not a file");
        }
        if (exists && sizeOf(file) > 0 && !looksLikeCase(file)) {
            throw new CaseFileException(file + ": not a case file (not a SQLite database)");
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            c.setAutoCommit(false);
            prepare(file, c);
            return new CaseFile(file, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new CaseFileException(file + ": damaged or not a case file (SQLite: " + oneLine(e) + ")", e);
        } catch (CaseFileException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Checks what the file is before anything writes to it, then migrates and sets the connection up. */
    private static void prepare(Path file, Connection c) throws SQLException, CaseFileException {
        int version;
        int applicationId;
        boolean empty;
        try (Statement s = c.createStatement()) {
            version = intPragma(s, "user_version");
            applicationId = intPragma(s, "application_id");
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                empty = r.next() && r.getLong(1) == 0;
            }
        }
        c.rollback();
        if (!empty && applicationId != APPLICATION_ID) {
            throw new CaseFileException(file + ": not a case file (a SQLite database of another program)");
        }
        if (version > Migrations.latest()) {
            throw new CaseFileException(file + ": written by a newer Telltale (case schema " + version
                    + "; this one reads up to " + Migrations.latest() + "); update Telltale to open it");
        }
        try (Statement s = c.createStatement()) {
            // journal_mode cannot change inside a transaction; sqlite-jdbc opens one lazily, so commit first.
            c.commit();
            c.setAutoCommit(true);
            s.execute("PRAGMA journal_mode = WAL");
            // In WAL mode NORMAL loses no committed transaction when the process dies, only on power loss.
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = 10000");
            c.setAutoCommit(false);
        }
        if (empty) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
            }
        }
        Migrations.apply(c, version);
    }

    private static int intPragma(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first problem is the one to report
            }
        }
    }

    /** The file, for messages. */
    public Path file() {
        return file;
    }

    /** The schema version of the file (after migration). */
    public int schemaVersion() throws CaseFileException {
        try (Statement s = connection.createStatement()) {
            int v = intPragma(s, "user_version");
            connection.commit();
            return v;
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the schema version", e);
        }
    }

    /**
     * A number that changes whenever another connection commits to the file (SQLite's data_version),
     * so a reader such as the live web view knows when a recorder has written more.
     */
    public long changes() throws CaseFileException {
        try (Statement s = connection.createStatement()) {
            long v = intPragma(s, "data_version");
            connection.commit();
            return v;
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read whether the case changed", e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** The capture rows and a way to read each back. */
    public CaseCaptures captures() {
        return new CaseCaptures(connection, file);
    }

    /** Starts importing one capture; see {@link CaptureImport}. */
    public CaptureImport importCapture(CaptureImport.Capture capture, boolean keepTlsSecrets) throws CaseFileException {
        try {
            return CaptureImport.begin(connection, file, capture, keepTlsSecrets, CaptureImport.DEFAULT_BATCH);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot start importing " + capture.name(), e);
        }
    }

    /**
     * Starts recording into this case (telltale record): a capture with a random id whose every
     * observation is committed as it comes; {@link CaptureImport#finish} when the recording stops.
     *
     * @param name the capture's name ("record 2026-11-29T18:00:00Z")
     */
    public CaptureImport record(String name) throws CaseFileException {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        try {
            return CaptureImport.record(connection, file, name, HexFormat.of().formatHex(id));
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot start recording", e);
        }
    }

    /** The session windows marked while recording. */
    public MarkedSessions markedSessions() {
        return new MarkedSessions(connection, file);
    }

    /** The canary files given to this case. */
    public CanarySets canarySets() {
        return new CanarySets(connection, file);
    }

    /** The apps scanned into this case (telltale scan --case). */
    public CodeScans codeScans() {
        return new CodeScans(connection, file);
    }

    /** The analysis runs stored in this case. */
    public Runs runs() {
        return new Runs(connection, file);
    }

    @Override
    public void close() throws CaseFileException {
        try {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot close", e);
        }
    }
}
