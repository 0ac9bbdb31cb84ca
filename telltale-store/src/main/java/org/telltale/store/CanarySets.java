package org.telltale.store;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import org.telltale.api.CanaryFile;
import org.telltale.api.Session;

/**
 * The canary files given to a case, kept byte for byte (so the user's comments and spelling stay)
 * with their sessions in a table for queries. The one chosen last is the case's canaries.
 */
public final class CanarySets {
    private final Connection c;
    private final Path file;

    CanarySets(Connection c, Path file) {
        this.c = c;
        this.file = file;
    }

    /**
     * A canary file as stored.
     *
     * @param id      its row id
     * @param name    the file name it was given as
     * @param sha256  the SHA-256 of its bytes
     * @param content the file's bytes
     */
    public record StoredCanaries(long id, String name, String sha256, byte[] content) {
    }

    /** Stores a canary file (once per content) and makes it the case's canaries. */
    public StoredCanaries choose(String name, byte[] content, CanaryFile parsed) throws CaseFileException {
        try {
            return store(name, content, parsed);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot store the canary file " + name, e);
        }
    }

    private StoredCanaries store(String name, byte[] content, CanaryFile parsed) throws SQLException {
        String sha = sha256(content);
        String now = Times.now();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO canary_sets (sha256, name, content, added_at, "
                + "chosen_at) VALUES (?,?,?,?,?) ON CONFLICT (sha256) DO UPDATE SET chosen_at = excluded.chosen_at")) {
            s.setString(1, sha);
            s.setString(2, name);
            s.setBytes(3, content);
            s.setString(4, now);
            s.setString(5, now);
            s.executeUpdate();
        }
        StoredCanaries stored = find("sha256 = ?", sha);
        try (PreparedStatement d = c.prepareStatement("DELETE FROM sessions WHERE canary_set_id = ?");
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO sessions (canary_set_id, label, start, end) VALUES (?,?,?,?)")) {
            d.setLong(1, stored.id());
            d.executeUpdate();
            for (Session session : parsed.sessions()) {
                s.setLong(1, stored.id());
                s.setString(2, session.label());
                s.setString(3, Times.text(session.start()));
                s.setString(4, Times.text(session.end()));
                s.executeUpdate();
            }
        }
        c.commit();
        return stored;
    }

    /** The canary file chosen last, or null when none was ever given. */
    public StoredCanaries current() throws CaseFileException {
        try {
            StoredCanaries s = find("id = (SELECT id FROM canary_sets ORDER BY chosen_at DESC, id DESC LIMIT 1)", null);
            c.commit();
            return s;
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the canary file", e);
        }
    }

    /** The canary file with this SHA-256 (the one a run used), or null. */
    public StoredCanaries bySha256(String sha256) throws CaseFileException {
        try {
            StoredCanaries s = find("sha256 = ?", sha256);
            c.commit();
            return s;
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the canary file", e);
        }
    }

    private StoredCanaries find(String where, String arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, sha256, content FROM canary_sets WHERE " + where)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new StoredCanaries(r.getLong(1), r.getString(2), r.getString(3), r.getBytes(4)) : null;
            }
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
