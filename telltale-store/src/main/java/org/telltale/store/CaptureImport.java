package org.telltale.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;

/**
 * Writes what a capture reader emits straight into the case, in batches of a transaction each
 * (1000 exchanges or 64 MiB by default), so that a kill loses at most the open batch and memory
 * never holds more than one exchange. The capture row is committed first and marked complete only
 * by {@link #finish} or {@link #failed}; an import that was killed is started again from scratch
 * when the same file is imported next.
 */
public final class CaptureImport implements CaptureSink, AutoCloseable {
    /** How many exchanges, or how many bytes of them, one transaction holds. */
    public record Batch(int exchanges, long bytes) {
    }

    static final Batch DEFAULT_BATCH = new Batch(1000, 64L << 20);
    /** A recording commits every observation as it comes, so a kill loses nothing already recorded. */
    static final Batch EVERY_OBSERVATION = new Batch(1, 64L << 20);

    /**
     * A capture file as imported.
     *
     * @param name   the file name as the user gave it
     * @param sha256 the SHA-256 of its bytes, lower-case hex; the case holds each content once
     * @param size   its size in bytes
     * @param format the reader that read it ("har", "pcap", "mitm")
     */
    public record Capture(String name, String sha256, long size, String format) {
    }

    private final Connection c;
    private final Path file;
    private final long captureId;
    private final String sha256;
    private final boolean keepTlsSecrets;
    private final Batch batch;
    private final ExchangeRows exchanges;
    private final PreparedStatement opaque;
    private final PreparedStatement diagnostic;
    private final PreparedStatement secrets;
    private final PreparedStatement progress;
    private long nextExchangeId;
    private long seq;
    private long stored;
    private int inBatch;
    private long bytesInBatch;
    private long secretsSeen;
    private boolean done;

    private CaptureImport(Connection c, Path file, long captureId, String sha256, boolean keepTlsSecrets, Batch batch)
            throws SQLException {
        this.c = c;
        this.file = file;
        this.captureId = captureId;
        this.sha256 = sha256;
        this.keepTlsSecrets = keepTlsSecrets;
        this.batch = batch;
        this.exchanges = new ExchangeRows(c);
        this.opaque = c.prepareStatement("INSERT INTO opaque_connections (capture_id, seq, " + OpaqueRows.COLUMNS
                + ", payload) VALUES (?,?," + OpaqueRows.placeholders() + ",?)");
        this.diagnostic = c.prepareStatement(
                "INSERT INTO capture_diagnostics (capture_id, seq, origin, message) VALUES (?,?,?,?)");
        this.secrets = c.prepareStatement("INSERT INTO tls_secrets (capture_id, seq, key_log) VALUES (?,?,?)");
        this.progress = c.prepareStatement(
                "UPDATE captures SET exchanges = ?, tls_secrets_seen = ?, tls_secrets_kept = ? WHERE id = ?");
        this.nextExchangeId = maxId(c) + 1;
    }

    /**
     * Starts an import, or returns null when the case already holds this content completely (importing
     * the same file twice adds nothing).
     */
    static CaptureImport begin(Connection c, Path file, Capture capture, boolean keepTlsSecrets, Batch batch)
            throws SQLException {
        StoredCapture existing = new CaseCaptures(c, file).stored(capture.sha256());
        if (existing != null && existing.complete()) {
            c.commit();
            return null;
        }
        if (existing != null) {
            // A killed import: its batches are whole, but the capture is not; read it again from the start.
            try (PreparedStatement d = c.prepareStatement("DELETE FROM captures WHERE id = ?")) {
                d.setLong(1, existing.id());
                d.executeUpdate();
            }
        }
        long id = Sql.insert(c, "INSERT INTO captures (name, sha256, size, format, imported_at) VALUES (?,?,?,?,?)",
                capture.name(), capture.sha256(), capture.size(), capture.format(), Times.now());
        c.commit();
        return new CaptureImport(c, file, id, capture.sha256(), keepTlsSecrets, batch);
    }

    /**
     * Starts a recording: a capture of format "proxy" with no file behind it, named by the caller and
     * identified by a random id in place of a file's SHA-256, every observation committed as it comes.
     */
    static CaptureImport record(Connection c, Path file, String name, String id) throws SQLException {
        long captureId = Sql.insert(c, "INSERT INTO captures (name, sha256, size, format, imported_at) VALUES (?,?,?,?,?)",
                name, id, 0L, RECORDING_FORMAT, Times.now());
        c.commit();
        return new CaptureImport(c, file, captureId, id, false, EVERY_OBSERVATION);
    }

    /** The format of a recording's capture row. */
    public static final String RECORDING_FORMAT = "proxy";

    /** For tests of batching: an import whose transactions are smaller. */
    static CaptureImport begin(CaseFile file, Capture capture, Batch batch) throws SQLException {
        return begin(file.connection(), file.file(), capture, false, batch);
    }

    private static long maxId(Connection c) throws SQLException {
        long max;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM exchanges")) {
            r.next();
            max = r.getLong(1);
        }
        // Ends the read: a write after it on a snapshot another connection has since moved past (a
        // recording's run) would fail with SQLITE_BUSY_SNAPSHOT.
        c.commit();
        return max;
    }

    @Override
    public void observe(Observation o) {
        try {
            if (o instanceof Exchange e) {
                if (inBatch == 0) {
                    claimIds();
                }
                bytesInBatch += exchanges.insert(nextExchangeId++, captureId, seq++, sha256 + "/" + e.origin(), e);
                inBatch++;
                if (inBatch >= batch.exchanges() || bytesInBatch >= batch.bytes()) {
                    commit();
                }
            } else if (o instanceof OpaqueConnection oc) {
                opaque.setLong(1, captureId);
                opaque.setLong(2, seq++);
                int next = OpaqueRows.bind(opaque, 3, oc);
                opaque.setBytes(next, oc.payload());
                opaque.executeUpdate();
                commitEach();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store " + o.origin(), e);
        }
    }

    @Override
    public void diagnostic(String origin, String message) {
        try {
            diagnostic.setLong(1, captureId);
            diagnostic.setLong(2, seq++);
            diagnostic.setString(3, origin);
            diagnostic.setString(4, message);
            diagnostic.executeUpdate();
            commitEach();
        } catch (SQLException e) {
            throw new StoreException("cannot store a diagnostic", e);
        }
    }

    /** Counted always; stored only when the user asked (they are keys to the user's encrypted traffic). */
    @Override
    public void tlsSecrets(String keyLog) {
        secretsSeen++;
        if (!keepTlsSecrets) {
            return;
        }
        try {
            secrets.setLong(1, captureId);
            secrets.setLong(2, seq++);
            secrets.setString(3, keyLog);
            secrets.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store TLS secrets", e);
        }
    }

    /**
     * At the start of each transaction: takes the write lock, then moves past the exchange ids another
     * connection has used since (an import into the case while it is recorded, or the recording while
     * it is imported into), which would otherwise fail this one on the primary key.
     */
    private void claimIds() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE exchanges SET id = id WHERE 0"); // the lock first: a read then a write could meet SQLITE_BUSY_SNAPSHOT
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM exchanges")) {
                r.next();
                nextExchangeId = Math.max(nextExchangeId, r.getLong(1) + 1);
            }
        }
    }

    /** For a recording: what is not an exchange is committed at once too. */
    private void commitEach() throws SQLException {
        if (batch.exchanges() == 1) {
            commit();
        }
    }

    private void commit() throws SQLException {
        stored += inBatch;
        progress.setLong(1, stored);
        progress.setLong(2, secretsSeen);
        progress.setInt(3, keepTlsSecrets && secretsSeen > 0 ? 1 : 0);
        progress.setLong(4, captureId);
        progress.executeUpdate();
        c.commit();
        inBatch = 0;
        bytesInBatch = 0;
    }

    /** The capture was read to its end. */
    public void finish() throws CaseFileException {
        try {
            complete(null, null);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot finish the import", e);
        }
    }

    /** The reader stopped at a place; what came before is kept, and re-analysis reports the same stop. */
    public void failed(String place, String message) throws CaseFileException {
        try {
            complete(place, message);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot record where the import stopped", e);
        }
    }

    private void complete(String place, String message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE captures SET complete = 1, error_place = ?, error = ? WHERE id = ?")) {
            s.setString(1, place);
            s.setString(2, message);
            s.setLong(3, captureId);
            s.executeUpdate();
        }
        commit();
        done = true;
    }

    /** The capture's id: its file's SHA-256, or a recording's random id. */
    public String sha256() {
        return sha256;
    }

    /** Exchanges stored so far (committed or in the open batch). */
    public long exchanges() {
        return stored + inBatch;
    }

    /** Without {@link #finish}, drops the open batch, as a kill would. */
    @Override
    public void close() throws CaseFileException {
        try {
            if (!done) {
                c.rollback();
            }
            exchanges.close();
            opaque.close();
            diagnostic.close();
            secrets.close();
            progress.close();
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot end the import", e);
        }
    }
}
