package org.telltale.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema's history, in one literal list: migration n (from 1) is the n-th file, and the schema
 * version (SQLite's {@code PRAGMA user_version}) counts how many have been applied. Each runs in its
 * own transaction with the version bump, so a case is always at one whole version.
 */
final class Migrations {
    /** In order; append, never edit one that has shipped. */
    static final List<String> FILES = List.of("001-initial.sql", "002-recording.sql", "003-first-seen.sql",
            "004-raw-payload.sql", "005-code-scans.sql");

    private Migrations() {
    }

    /** The newest schema version this code knows. */
    static int latest() {
        return FILES.size();
    }

    /** Applies every migration after {@code from}; the connection is in manual-commit mode. */
    static void apply(Connection c, int from) throws SQLException {
        for (int v = from + 1; v <= latest(); v++) {
            try (Statement s = c.createStatement()) {
                for (String sql : statements(read(FILES.get(v - 1)))) {
                    s.executeUpdate(sql);
                }
                // PRAGMA takes no parameters; v is our own number.
                s.executeUpdate("PRAGMA user_version = " + v);
            }
            c.commit();
        }
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a file: comment lines dropped, split at a ';' that ends a line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
