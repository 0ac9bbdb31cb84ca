package org.telltale.core.detect.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.telltale.api.Payload;

/**
 * The requests of a real HAR file cut into the nodes a decoder would hand to detectors: the
 * request URL and its query values, each header, each cookie, the body and its form or JSON
 * values. A simple stand-in for the real decoder, enough to show detectors real strings.
 */
final class HarRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One node to show the detectors.
     *
     * @param node        the node
     * @param leaf        whether nothing peels it further
     * @param destination the host the request went to
     */
    record Node(Payload node, boolean leaf, String destination) {
    }

    private HarRequests() {
    }

    static List<Node> nodes(String resource) throws IOException {
        JsonNode har;
        try (InputStream in = HarRequests.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            har = JSON.readTree(in);
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode entry : har.path("log").path("entries")) {
            JsonNode request = entry.path("request");
            String url = request.path("url").asText();
            String host = host(url);
            nodes.add(new Node(Payload.root("request.url", bytes(url), null, null), false, host));
            int q = url.indexOf('?');
            if (q >= 0) {
                Payload root = Payload.root("request.url", bytes(url), null, null);
                pairs(root, "query:", url.substring(q + 1), host, nodes);
            }
            for (JsonNode header : request.path("headers")) {
                String name = header.path("name").asText();
                String value = header.path("value").asText();
                if (name.startsWith(":")) {
                    continue; // HTTP/2 pseudo-headers repeat the request line
                }
                if (name.equalsIgnoreCase("cookie")) {
                    cookies(value, host, nodes);
                } else {
                    nodes.add(new Node(Payload.root("request.header:" + name, bytes(value), null, null), true, host));
                }
            }
            JsonNode postData = request.path("postData");
            String text = postData.path("text").asText("");
            if (!text.isEmpty()) {
                String mime = postData.path("mimeType").asText("").toLowerCase(Locale.ROOT);
                Payload body = Payload.root("request.body", bytes(text), mime, null);
                JsonNode json = tryJson(text);
                if (mime.contains("x-www-form-urlencoded")) {
                    nodes.add(new Node(body, false, host));
                    pairs(body, "form:", text, host, nodes);
                } else if (json != null && json.isContainerNode()) {
                    nodes.add(new Node(body, false, host));
                    json(body, "$", json, host, nodes);
                } else {
                    nodes.add(new Node(body, true, host));
                }
            }
        }
        return nodes;
    }

    private static void pairs(Payload parent, String prefix, String encoded, String host, List<Node> nodes) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            Payload child = parent.child(prefix + name, bytes(value));
            JsonNode json = value.startsWith("{") || value.startsWith("[") ? tryJson(value) : null;
            if (json != null && json.isContainerNode()) {
                nodes.add(new Node(child, false, host));
                json(child, "$", json, host, nodes);
            } else {
                nodes.add(new Node(child, true, host));
            }
        }
    }

    private static void cookies(String header, String host, List<Node> nodes) {
        for (String cookie : header.split(";")) {
            String c = cookie.strip();
            int eq = c.indexOf('=');
            if (eq > 0) {
                nodes.add(new Node(Payload.root("request.cookie:" + c.substring(0, eq),
                        bytes(c.substring(eq + 1)), null, null), true, host));
            }
        }
    }

    private static void json(Payload parent, String path, JsonNode value, String host, List<Node> nodes) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                json(parent, path + "." + field.getKey(), field.getValue(), host, nodes);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                json(parent, path + "[" + i + "]", value.get(i), host, nodes);
            }
        } else if (!value.isNull()) {
            nodes.add(new Node(parent.child("json:" + path, bytes(value.asText())), true, host));
        }
    }

    private static JsonNode tryJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a broken escape: the real decoder keeps it as written
        }
    }

    static String host(String url) {
        int start = url.indexOf("://");
        int from = start < 0 ? 0 : start + 3;
        int end = from;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(from, end);
        int colon = authority.lastIndexOf(':');
        return (colon > 0 ? authority.substring(0, colon) : authority).toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
