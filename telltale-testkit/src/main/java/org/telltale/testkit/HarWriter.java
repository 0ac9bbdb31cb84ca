package org.telltale.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;

/**
 * Writes exchanges as a HAR 1.2 file, the way browsers and proxies export them. Text bodies are
 * written as text; binary ones as base64 with {@code "encoding": "base64"} (HAR 1.2 defines that
 * field for response content; proxies use the same field for request bodies).
 */
public final class HarWriter {
    private static final Instant NO_TIME = Instant.parse("1970-01-01T00:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the exchanges, in order, as the entries of one HAR file. */
    public void write(List<Exchange> exchanges, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(exchanges, out);
        }
    }

    /** Writes the exchanges, in order, as the entries of one HAR document; leaves the stream open. */
    public void write(List<Exchange> exchanges, OutputStream out) throws IOException {
        mapper.writeValue(new NonClosing(out), toHar(exchanges));
    }

    /** The HAR document as a Jackson tree. */
    public ObjectNode toHar(List<Exchange> exchanges) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "telltale-testkit").put("version", "0.1");
        ArrayNode entries = log.putArray("entries");
        for (Exchange e : exchanges) {
            entries.add(entry(e));
        }
        return root;
    }

    private ObjectNode entry(Exchange e) {
        ObjectNode entry = mapper.createObjectNode();
        entry.put("startedDateTime", (e.time() == null ? NO_TIME : e.time()).toString());
        entry.put("time", 0);
        entry.set("request", request(e.request()));
        entry.set("response", response(e.response()));
        entry.putObject("cache");
        entry.putObject("timings").put("send", 0).put("wait", 0).put("receive", 0);
        if (e.server().ip() != null) {
            entry.put("serverIPAddress", e.server().ip());
        }
        return entry;
    }

    private ObjectNode request(HttpRequest r) {
        ObjectNode node = mapper.createObjectNode();
        node.put("method", r.method());
        node.put("url", r.url());
        node.put("httpVersion", r.httpVersion() == null ? "HTTP/1.1" : r.httpVersion());
        node.set("headers", headers(r.headers()));
        node.set("queryString", queryString(r.url()));
        node.set("cookies", cookies(r.headers()));
        node.put("headersSize", -1);
        node.put("bodySize", r.body().length);
        if (r.body().length > 0) {
            ObjectNode post = node.putObject("postData");
            String type = r.header("Content-Type");
            post.put("mimeType", type == null ? "" : type);
            putBody(post, r.body());
        }
        return node;
    }

    private ObjectNode response(HttpResponse r) {
        ObjectNode node = mapper.createObjectNode();
        if (r == null) {
            // HAR has no way to say "no response"; browsers write status 0 for aborted requests.
            node.put("status", 0).put("statusText", "").put("httpVersion", "");
            node.putArray("headers");
            node.putArray("cookies");
            node.putObject("content").put("size", 0).put("mimeType", "");
            node.put("redirectURL", "").put("headersSize", -1).put("bodySize", -1);
            return node;
        }
        node.put("status", r.status());
        node.put("statusText", r.status() == 200 ? "OK" : "");
        node.put("httpVersion", "HTTP/1.1");
        node.set("headers", headers(r.headers()));
        node.putArray("cookies");
        ObjectNode content = node.putObject("content");
        content.put("size", r.body().length);
        String type = r.header("Content-Type");
        content.put("mimeType", type == null ? "" : type);
        if (r.body().length > 0) {
            putBody(content, r.body());
        }
        node.put("redirectURL", "");
        node.put("headersSize", -1);
        node.put("bodySize", r.body().length);
        return node;
    }

    private ArrayNode headers(List<Header> headers) {
        ArrayNode array = mapper.createArrayNode();
        for (Header h : headers) {
            array.addObject().put("name", h.name()).put("value", h.value());
        }
        return array;
    }

    /** Query parameters as they appear in the URL (still percent-encoded), as Chrome writes them. */
    private ArrayNode queryString(String url) {
        ArrayNode array = mapper.createArrayNode();
        String query = URI.create(url).getRawQuery();
        if (query == null || query.isEmpty()) {
            return array;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            array.addObject()
                    .put("name", eq < 0 ? pair : pair.substring(0, eq))
                    .put("value", eq < 0 ? "" : pair.substring(eq + 1));
        }
        return array;
    }

    private ArrayNode cookies(List<Header> headers) {
        ArrayNode array = mapper.createArrayNode();
        for (Header h : headers) {
            if (!h.name().equalsIgnoreCase("Cookie")) {
                continue;
            }
            for (String pair : h.value().split(";")) {
                String p = pair.trim();
                int eq = p.indexOf('=');
                if (eq > 0) {
                    array.addObject().put("name", p.substring(0, eq)).put("value", p.substring(eq + 1));
                }
            }
        }
        return array;
    }

    private static void putBody(ObjectNode node, byte[] body) {
        String text = asText(body);
        if (text != null) {
            node.put("text", text);
        } else {
            node.put("text", Base64.getEncoder().encodeToString(body));
            node.put("encoding", "base64");
        }
    }

    /** The body as text when it is valid UTF-8 without control characters; else null. */
    static String asText(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
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

    /** Jackson closes the stream it writes to; the caller owns this one. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
