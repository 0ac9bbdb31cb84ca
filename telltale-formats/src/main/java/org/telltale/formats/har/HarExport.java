package org.telltale.formats.har;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;
import org.telltale.api.Message;

/**
 * Writes exchanges as a HAR 1.2 file one entry at a time, as Chrome exports them, so that DevTools,
 * mitmproxy and our own {@link HarReader} open it and a case of millions of exchanges is exported in
 * bounded memory. Bodies that are UTF-8 text are written as text, others in base64 with
 * {@code "encoding": "base64"}; WebSocket messages go in Chrome's {@code _webSocketMessages}.
 * Timings the capture does not hold are written as HAR says: 0 for the required ones, -1 for the rest.
 */
public final class HarExport implements AutoCloseable {
    private static final Instant NO_TIME = Instant.EPOCH;

    private final JsonGenerator g;

    /** Starts the document; {@link #close} ends it and closes the writer. */
    public HarExport(Writer out, String creatorVersion) throws IOException {
        g = new JsonFactory().createGenerator(out);
        g.writeStartObject();
        g.writeObjectFieldStart("log");
        g.writeStringField("version", "1.2");
        g.writeObjectFieldStart("creator");
        g.writeStringField("name", "telltale");
        g.writeStringField("version", creatorVersion);
        g.writeEndObject();
        g.writeArrayFieldStart("pages");
        g.writeEndArray();
        g.writeArrayFieldStart("entries");
    }

    /** One entry. */
    public void write(Exchange e) throws IOException {
        g.writeStartObject();
        g.writeStringField("startedDateTime", (e.time() == null ? NO_TIME : e.time()).toString());
        g.writeNumberField("time", 0);
        request(e.request());
        response(e.response());
        g.writeObjectFieldStart("cache");
        g.writeEndObject();
        g.writeObjectFieldStart("timings");
        for (String t : new String[] {"blocked", "dns", "connect", "ssl"}) {
            g.writeNumberField(t, -1);
        }
        for (String t : new String[] {"send", "wait", "receive"}) {
            g.writeNumberField(t, 0);
        }
        g.writeEndObject();
        if (e.server().ip() != null) {
            g.writeStringField("serverIPAddress", e.server().ip());
        }
        if (!e.messages().isEmpty()) {
            messages(e.messages());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private void request(HttpRequest r) throws IOException {
        g.writeObjectFieldStart("request");
        g.writeStringField("method", r.method());
        g.writeStringField("url", r.url());
        g.writeStringField("httpVersion", r.httpVersion() == null ? "HTTP/1.1" : r.httpVersion());
        cookies(r.header("Cookie"));
        headers(r.headers());
        queryString(r.url());
        if (r.body().length > 0) {
            g.writeObjectFieldStart("postData");
            String type = r.header("Content-Type");
            g.writeStringField("mimeType", type == null ? "" : type);
            body(r.body());
            g.writeEndObject();
        }
        g.writeNumberField("headersSize", -1);
        g.writeNumberField("bodySize", r.body().length);
        g.writeEndObject();
    }

    /** Browsers write status 0 for requests that got no answer; HAR has no other way to say it. */
    private void response(HttpResponse r) throws IOException {
        g.writeObjectFieldStart("response");
        g.writeNumberField("status", r == null ? 0 : r.status());
        g.writeStringField("statusText", "");
        g.writeStringField("httpVersion", r == null ? "" : "HTTP/1.1");
        cookies(null);
        headers(r == null ? List.of() : r.headers());
        g.writeObjectFieldStart("content");
        byte[] body = r == null ? new byte[0] : r.body();
        g.writeNumberField("size", body.length);
        String type = r == null ? null : r.header("Content-Type");
        g.writeStringField("mimeType", type == null ? "" : type);
        if (body.length > 0) {
            body(body);
        }
        g.writeEndObject();
        g.writeStringField("redirectURL", r == null || r.header("Location") == null ? "" : r.header("Location"));
        g.writeNumberField("headersSize", -1);
        g.writeNumberField("bodySize", r == null ? -1 : body.length);
        g.writeEndObject();
    }

    private void headers(List<Header> headers) throws IOException {
        g.writeArrayFieldStart("headers");
        for (Header h : headers) {
            nameValue(h.name(), h.value());
        }
        g.writeEndArray();
    }

    /** The pairs of a Cookie header, as HAR lists them beside the header itself. */
    private void cookies(String cookieHeader) throws IOException {
        g.writeArrayFieldStart("cookies");
        if (cookieHeader != null) {
            for (String pair : cookieHeader.split(";")) {
                String p = pair.strip();
                int eq = p.indexOf('=');
                if (eq > 0) {
                    nameValue(p.substring(0, eq), p.substring(eq + 1));
                }
            }
        }
        g.writeEndArray();
    }

    /** Query parameters as they appear in the URL, still percent-encoded, as Chrome writes them. */
    private void queryString(String url) throws IOException {
        g.writeArrayFieldStart("queryString");
        String query = rawQuery(url);
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                nameValue(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        g.writeEndArray();
    }

    private static String rawQuery(String url) {
        try {
            return URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            int q = url.indexOf('?');
            return q < 0 ? null : url.substring(q + 1);
        }
    }

    private void nameValue(String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private void body(byte[] body) throws IOException {
        String text = asText(body);
        if (text != null) {
            g.writeStringField("text", text);
        } else {
            g.writeStringField("text", Base64.getEncoder().encodeToString(body));
            g.writeStringField("encoding", "base64");
        }
    }

    /** Chrome's form: type, time in seconds since the epoch, opcode 1 (text) or 2 (binary, in base64). */
    private void messages(List<Message> messages) throws IOException {
        g.writeArrayFieldStart("_webSocketMessages");
        for (Message m : messages) {
            g.writeStartObject();
            g.writeStringField("type", m.fromClient() ? "send" : "receive");
            Instant t = m.time() == null ? NO_TIME : m.time();
            g.writeNumberField("time", t.getEpochSecond() + t.getNano() / 1e9);
            g.writeNumberField("opcode", m.text() ? 1 : 2);
            g.writeStringField("data", m.text() ? new String(m.data(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(m.data()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The body as text when it is valid UTF-8 without control characters, which text round-trips; else null. */
    static String asText(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f) {
                return null;
            }
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }
}
