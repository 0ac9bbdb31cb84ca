package org.telltale.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.telltale.api.OpaqueConnection;

/**
 * The columns an opaque connection shares between {@code opaque_connections} (as read) and
 * {@code run_opaque} (as a run placed it), bound and read in one place.
 */
final class OpaqueRows {
    /** The shared columns, in binding order. */
    static final String COLUMNS = "origin, time, protocol, client_host, client_ip, client_port, server_host, "
            + "server_ip, server_port, sni, alpn, app, reason";
    static final int COUNT = 13;

    private OpaqueRows() {
    }

    /** Binds the shared columns from index i; returns the next index. */
    static int bind(PreparedStatement s, int i, OpaqueConnection c) throws SQLException {
        s.setString(i++, c.origin());
        s.setString(i++, Times.text(c.time()));
        s.setString(i++, c.protocol());
        i = ExchangeRows.endpoint(s, i, c.client());
        i = ExchangeRows.endpoint(s, i, c.server());
        s.setString(i++, c.sni());
        s.setString(i++, Json.write(c.alpn()));
        s.setString(i++, c.app());
        s.setString(i++, c.reason());
        return i;
    }

    /** Reads the shared columns starting at column i. */
    static OpaqueConnection read(ResultSet r, int i) throws SQLException {
        return new OpaqueConnection(Times.parse(r.getString(i + 1)), r.getString(i), r.getString(i + 2),
                ExchangeRows.endpoint(r, i + 3), ExchangeRows.endpoint(r, i + 6), r.getString(i + 9),
                Json.strings(r.getString(i + 10)), r.getString(i + 11), r.getString(i + 12));
    }

    /** "?,?,...": the placeholders of the shared columns. */
    static String placeholders() {
        return "?,".repeat(COUNT - 1) + "?";
    }
}
