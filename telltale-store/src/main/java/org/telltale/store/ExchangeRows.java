package org.telltale.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;
import org.telltale.api.Message;

/** An exchange as rows of {@code exchanges} and {@code websocket_messages}, and back, byte for byte. */
final class ExchangeRows {
    static final String COLUMNS = "id, capture_id, seq, origin, flow_id, time, client_host, client_ip, client_port, "
            + "server_host, server_ip, server_port, method, url, http_version, request_headers, request_body, "
            + "response_status, response_headers, response_body, app, incomplete, messages";
    private static final String INSERT = "INSERT INTO exchanges (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_MESSAGE =
            "INSERT INTO websocket_messages (exchange_id, seq, from_client, time, is_text, data) VALUES (?,?,?,?,?,?)";
    private static final String SELECT_MESSAGES =
            "SELECT from_client, time, is_text, data FROM websocket_messages WHERE exchange_id = ? ORDER BY seq";

    private final PreparedStatement insert;
    private final PreparedStatement insertMessage;

    ExchangeRows(Connection c) throws SQLException {
        insert = c.prepareStatement(INSERT);
        insertMessage = c.prepareStatement(INSERT_MESSAGE);
    }

    /** Writes one exchange; returns the bytes it holds, for batching by size. */
    long insert(long id, long captureId, long seq, String flowId, Exchange e) throws SQLException {
        HttpRequest q = e.request();
        HttpResponse r = e.response();
        int i = 1;
        insert.setLong(i++, id);
        insert.setLong(i++, captureId);
        insert.setLong(i++, seq);
        insert.setString(i++, e.origin());
        insert.setString(i++, flowId);
        insert.setString(i++, Times.text(e.time()));
        i = endpoint(insert, i, e.client());
        i = endpoint(insert, i, e.server());
        insert.setString(i++, q.method());
        insert.setString(i++, q.url());
        insert.setString(i++, q.httpVersion());
        insert.setString(i++, Json.headers(q.headers()));
        insert.setBytes(i++, q.body());
        insert.setObject(i++, r == null ? null : r.status());
        insert.setString(i++, r == null ? null : Json.headers(r.headers()));
        insert.setBytes(i++, r == null ? null : r.body());
        insert.setString(i++, e.app());
        insert.setInt(i++, e.incomplete() ? 1 : 0);
        insert.setInt(i, e.messages().size());
        insert.executeUpdate();
        long bytes = q.body().length + (r == null ? 0 : r.body().length) + q.url().length();
        int n = 0;
        for (Message m : e.messages()) {
            insertMessage.setLong(1, id);
            insertMessage.setInt(2, n++);
            insertMessage.setInt(3, m.fromClient() ? 1 : 0);
            insertMessage.setString(4, Times.text(m.time()));
            insertMessage.setInt(5, m.text() ? 1 : 0);
            insertMessage.setBytes(6, m.data());
            insertMessage.executeUpdate();
            bytes += m.data().length;
        }
        return bytes;
    }

    /** Binds host, ip and port from index i; returns the next index. */
    static int endpoint(PreparedStatement s, int i, Endpoint e) throws SQLException {
        s.setString(i, e.host());
        s.setString(i + 1, e.ip());
        s.setInt(i + 2, e.port());
        return i + 3;
    }

    /** Reads host, ip and port from column i. */
    static Endpoint endpoint(ResultSet r, int i) throws SQLException {
        return new Endpoint(r.getString(i), r.getString(i + 1), r.getInt(i + 2));
    }

    /** The exchange in the current row of a {@code SELECT COLUMNS FROM exchanges}. */
    static Exchange read(Connection c, ResultSet r) throws SQLException {
        HttpRequest q = new HttpRequest(r.getString(13), r.getString(14), r.getString(15), Json.headers(r.getString(16)),
                bytes(r, 17));
        r.getInt(18);
        HttpResponse response = r.wasNull() ? null
                : new HttpResponse(r.getInt(18), Json.headers(r.getString(19)), bytes(r, 20));
        List<Message> messages = r.getInt(23) == 0 ? List.of() : messages(c, r.getLong(1));
        return new Exchange(Times.parse(r.getString(6)), r.getString(4), endpoint(r, 7), endpoint(r, 10), q, response,
                messages, r.getString(21), r.getInt(22) != 0);
    }

    private static List<Message> messages(Connection c, long exchangeId) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT_MESSAGES)) {
            s.setLong(1, exchangeId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Message(r.getInt(1) != 0, Times.parse(r.getString(2)), r.getInt(3) != 0, bytes(r, 4)));
                }
            }
        }
        return out;
    }

    /** SQLite gives null for an empty BLOB; the model says empty. */
    static byte[] bytes(ResultSet r, int column) throws SQLException {
        byte[] b = r.getBytes(column);
        return b == null ? new byte[0] : b;
    }

    void close() throws SQLException {
        insert.close();
        insertMessage.close();
    }
}
