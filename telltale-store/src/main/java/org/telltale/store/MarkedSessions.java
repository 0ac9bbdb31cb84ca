package org.telltale.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Session;

/**
 * Session windows marked while recording, by keys in the recorder's console or by {@code telltale
 * session start/stop} from another terminal: both write here, and the recorder reads them back, so
 * the case is the one place a mark lives. At most one window is open at a time; starting one closes
 * the open one at the same instant.
 */
public final class MarkedSessions {
    /** Where an open window ends, for the engine: it holds every exchange from its start on. */
    public static final Instant OPEN_END = Instant.parse("9999-12-31T23:59:59Z");

    private final Connection c;
    private final Path file;

    MarkedSessions(Connection c, Path file) {
        this.c = c;
        this.file = file;
    }

    /** Opens a window labelled so at the instant, closing the open one. */
    public void start(String label, Instant at) throws CaseFileException {
        try {
            close(at);
            Sql.insert(c, "INSERT INTO marked_sessions (label, start) VALUES (?,?)", label, Times.text(at));
            c.commit();
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot mark the start of a session", e);
        }
    }

    /**
     * Opens a window labelled so now, closing the open one, and returns its start. The time is read
     * once this connection holds the case's write lock. A recorder commits each exchange before it
     * reads the marks for it, so an exchange it committed before the mark ended before the mark's
     * time (in the window by neither reading), and one it commits after is analysed with the mark:
     * the live run marks what a later analysis of the case marks, however long the lock took.
     */
    public Instant startNow(String label) throws CaseFileException {
        try {
            writeLock();
            Instant at = Instant.now();
            close(at);
            Sql.insert(c, "INSERT INTO marked_sessions (label, start) VALUES (?,?)", label, Times.text(at));
            c.commit();
            return at;
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot mark the start of a session", e);
        }
    }

    /** A window closed: its label (null when none was open) and when. */
    public record Ended(String label, Instant at) {
    }

    /** Closes the open window now, the time read under the write lock as in {@link #startNow}. */
    public Ended stopNow() throws CaseFileException {
        try {
            writeLock();
            Instant at = Instant.now();
            String label = open();
            close(at);
            c.commit();
            return new Ended(label, at);
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot mark the end of a session", e);
        }
    }

    /** Takes the write lock (waiting as long as the busy timeout), so that what follows reads the latest state. */
    private void writeLock() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE marked_sessions SET end = end WHERE 0");
        }
    }

    /** Closes the open window at the instant; returns its label, or null when none was open. */
    public String stop(Instant at) throws CaseFileException {
        try {
            String label = open();
            close(at);
            c.commit();
            return label;
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot mark the end of a session", e);
        }
    }

    /** The label of the open window, or null. */
    public String current() throws CaseFileException {
        try {
            String label = open();
            c.commit();
            return label;
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the marked sessions", e);
        }
    }

    /** Every window, oldest first; an open one ends at {@link #OPEN_END}. */
    public List<Session> list() throws CaseFileException {
        List<Session> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT label, start, end FROM marked_sessions ORDER BY id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String end = r.getString(3);
                out.add(new Session(r.getString(1), Times.parse(r.getString(2)), end == null ? OPEN_END : Times.parse(end)));
            }
            c.commit();
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the marked sessions", e);
        }
        return out;
    }

    private String open() throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT label FROM marked_sessions WHERE end IS NULL ORDER BY id DESC LIMIT 1");
             ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private void close(Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE marked_sessions SET end = ? WHERE end IS NULL")) {
            s.setString(1, Times.text(at));
            s.executeUpdate();
        }
    }

    private void rollback() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the first problem is the one reported
        }
    }
}
