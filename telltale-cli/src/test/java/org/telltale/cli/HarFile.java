package org.telltale.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A HAR 1.2 file written field by field, for captures no real exporter would write: URLs, hosts and
 * header names that are not valid URIs, and bodies given as text or as base64 ({@code "encoding":
 * "base64"}, as proxies write binary bodies).
 */
final class HarFile {
    private final ObjectNode root = ReportFiles.JSON.createObjectNode();
    private final ArrayNode entries;

    HarFile() {
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "telltale tests").put("version", "1");
        entries = log.putArray("entries");
    }

    /** A request with a text body (or none when body is null); headers as name, value pairs. */
    HarFile post(Instant time, String method, String url, String serverIp, List<String[]> headers, String mimeType,
                 String body) {
        ObjectNode postData = body == null ? null : ReportFiles.JSON.createObjectNode().put("mimeType", mimeType)
                .put("text", body);
        return entry(time, method, url, serverIp, headers, postData, body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
    }

    /** A request whose body is bytes, written as base64. */
    HarFile post(Instant time, String url, String serverIp, List<String[]> headers, String mimeType, byte[] body) {
        ObjectNode postData = ReportFiles.JSON.createObjectNode().put("mimeType", mimeType)
                .put("text", Base64.getEncoder().encodeToString(body)).put("encoding", "base64");
        return entry(time, "POST", url, serverIp, headers, postData, body.length);
    }

    private HarFile entry(Instant time, String method, String url, String serverIp, List<String[]> headers,
                          ObjectNode postData, int bodySize) {
        ObjectNode e = entries.addObject();
        e.put("startedDateTime", time.toString());
        e.put("time", 1);
        ObjectNode q = e.putObject("request");
        q.put("method", method).put("url", url).put("httpVersion", "HTTP/1.1");
        ArrayNode h = q.putArray("headers");
        headers.forEach(p -> h.addObject().put("name", p[0]).put("value", p[1]));
        q.putArray("queryString");
        q.putArray("cookies");
        q.put("headersSize", -1).put("bodySize", bodySize);
        if (postData != null) {
            q.set("postData", postData);
        }
        ObjectNode r = e.putObject("response");
        r.put("status", 204).put("statusText", "No Content").put("httpVersion", "HTTP/1.1");
        r.putArray("headers");
        r.putArray("cookies");
        r.putObject("content").put("size", 0).put("mimeType", "");
        r.put("redirectURL", "").put("headersSize", -1).put("bodySize", 0);
        e.putObject("cache");
        e.putObject("timings").put("send", 0).put("wait", 1).put("receive", 0);
        if (serverIp != null) {
            e.put("serverIPAddress", serverIp);
        }
        return this;
    }

    /** Headers from name, value, name, value... */
    static List<String[]> headers(String... pairs) {
        List<String[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(new String[] {pairs[i], pairs[i + 1]});
        }
        return out;
    }

    void write(Path file) throws IOException {
        ReportFiles.JSON.writeValue(file.toFile(), root);
    }
}
