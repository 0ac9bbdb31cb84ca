package org.telltale.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.OpaqueConnection;

/**
 * The captures of a case, and each one read back as its reader emitted it: exchanges, opaque
 * connections, the reader's diagnostics and kept TLS secrets, in stored order, streamed from the
 * database so that a capture of millions of exchanges needs memory for one.
 */
public final class CaseCaptures {
    private static final String CAPTURE_COLUMNS = "id, name, sha256, size, format, imported_at, complete, exchanges, "
            + "error_place, error, tls_secrets_kept";

    private final Connection c;
    private final Path file;

    CaseCaptures(Connection c, Path file) {
        this.c = c;
        this.file = file;
    }

    /** Every capture, in import order; complete and not. */
    public List<StoredCapture> list() throws CaseFileException {
        List<StoredCapture> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + CAPTURE_COLUMNS + " FROM captures ORDER BY id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(capture(r));
            }
            // ends the read, so the next one sees what a recorder committed meanwhile
            c.commit();
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot list the captures", e);
        }
        return out;
    }

    /** The capture with this content, or null. */
    public StoredCapture find(String sha256) throws CaseFileException {
        try {
            return stored(sha256);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot look up a capture", e);
        }
    }

    /** {@link #find} for the store's own use, inside its transactions. */
    StoredCapture stored(String sha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + CAPTURE_COLUMNS + " FROM captures WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? capture(r) : null;
            }
        }
    }

    /** The exchange a flow id names (the capture's SHA-256 and the place in it), or null when the case has none. */
    public Exchange exchange(String flowId) throws CaseFileException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ExchangeRows.COLUMNS
                + " FROM exchanges WHERE flow_id = ? ORDER BY id LIMIT 1")) {
            s.setString(1, flowId);
            Exchange e;
            try (ResultSet r = s.executeQuery()) {
                e = r.next() ? ExchangeRows.read(c, r) : null;
            }
            c.commit();
            return e;
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the exchange " + flowId, e);
        }
    }

    /**
     * The connection no parser read that a flow id names (the capture's SHA-256 and the place in it),
     * with the client's raw bytes it kept, or null when the case has none.
     */
    public OpaqueConnection opaque(String flowId) throws CaseFileException {
        int slash = flowId.indexOf('/');
        if (slash < 0) {
            return null;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + OpaqueRows.COLUMNS + ", payload "
                + "FROM opaque_connections WHERE capture_id = (SELECT id FROM captures WHERE sha256 = ?) AND origin = ? "
                + "ORDER BY id LIMIT 1")) {
            s.setString(1, flowId.substring(0, slash));
            s.setString(2, flowId.substring(slash + 1));
            OpaqueConnection o;
            try (ResultSet r = s.executeQuery()) {
                o = r.next() ? OpaqueRows.read(r, 1).withPayload(r.getBytes(1 + OpaqueRows.COUNT)) : null;
            }
            c.commit();
            return o;
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the connection " + flowId, e);
        }
    }

    /** Receives each exchange's time, in capture order. */
    @FunctionalInterface
    public interface TimeSink {
        /**
         * @param flowId the exchange's flow id
         * @param time   when its request started, or null when the capture does not say
         */
        void time(String flowId, Instant time);
    }

    /** Streams the time of every exchange of the analysable captures, in import and capture order. */
    public void times(TimeSink sink) throws CaseFileException {
        try (PreparedStatement s = c.prepareStatement("SELECT e.flow_id, e.time FROM exchanges e "
                + "JOIN captures k ON k.id = e.capture_id WHERE k.complete = 1 OR k.format = ? ORDER BY e.capture_id, e.seq")) {
            s.setString(1, CaptureImport.RECORDING_FORMAT);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sink.time(r.getString(1), Times.parse(r.getString(2)));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the exchanges' times", e);
        }
    }

    private static StoredCapture capture(ResultSet r) throws SQLException {
        return new StoredCapture(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
                r.getString(6), r.getInt(7) != 0, r.getLong(8), r.getString(9), r.getString(10), r.getInt(11) != 0);
    }

    /**
     * Emits the capture into the sink as its reader did on import, then throws the reader's stop, if
     * it stopped early, as a {@link CaptureException} with the same place.
     */
    public void read(StoredCapture capture, CaptureSink sink) throws CaseFileException, CaptureException {
        try (Cursor exchanges = new Cursor(capture.id(), "SELECT " + ExchangeRows.COLUMNS
                + " FROM exchanges WHERE capture_id = ? ORDER BY seq", 3);
             Cursor opaque = new Cursor(capture.id(), "SELECT seq, " + OpaqueRows.COLUMNS
                + ", payload FROM opaque_connections WHERE capture_id = ? ORDER BY seq", 1);
             Cursor diagnostics = new Cursor(capture.id(), "SELECT seq, origin, message FROM capture_diagnostics "
                + "WHERE capture_id = ? ORDER BY seq", 1);
             Cursor secrets = new Cursor(capture.id(), "SELECT seq, key_log FROM tls_secrets WHERE capture_id = ? "
                + "ORDER BY seq", 1)) {
            while (true) {
                Cursor next = Cursor.first(exchanges, opaque, diagnostics, secrets);
                if (next == null) {
                    break;
                }
                ResultSet r = next.rows;
                if (next == exchanges) {
                    sink.observe(ExchangeRows.read(c, r));
                } else if (next == opaque) {
                    sink.observe(OpaqueRows.read(r, 2).withPayload(r.getBytes(2 + OpaqueRows.COUNT)));
                } else if (next == diagnostics) {
                    sink.diagnostic(r.getString(2), r.getString(3));
                } else {
                    sink.tlsSecrets(r.getString(2));
                }
                next.advance();
            }
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the capture " + capture.name(), e);
        }
        try {
            c.commit(); // ends the read, so the next one sees what a recorder committed meanwhile
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the capture " + capture.name(), e);
        }
        if (capture.error() != null) {
            throw new CaptureException(capture.errorPlace(), capture.error());
        }
    }

    /** One ordered query, and the seq of the row it stands on. */
    private final class Cursor implements AutoCloseable {
        final PreparedStatement statement;
        final ResultSet rows;
        final int seqColumn;
        boolean more;

        Cursor(long captureId, String sql, int seqColumn) throws SQLException {
            statement = c.prepareStatement(sql);
            statement.setLong(1, captureId);
            rows = statement.executeQuery();
            this.seqColumn = seqColumn;
            more = rows.next();
        }

        long seq() throws SQLException {
            return rows.getLong(seqColumn);
        }

        void advance() throws SQLException {
            more = rows.next();
        }

        /** The cursor whose row comes next in the capture, or null when all are done. */
        static Cursor first(Cursor... cursors) throws SQLException {
            Cursor best = null;
            for (Cursor k : cursors) {
                if (k.more && (best == null || k.seq() < best.seq())) {
                    best = k;
                }
            }
            return best;
        }

        @Override
        public void close() throws SQLException {
            rows.close();
            statement.close();
        }
    }
}
