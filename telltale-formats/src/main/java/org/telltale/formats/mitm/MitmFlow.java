package org.telltale.formats.mitm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.Headers;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;
import org.telltale.api.Message;

/**
 * Reads one mitmproxy HTTP flow, of any format version from 0.11 to 21, into an {@link Exchange}.
 * Instead of migrating the dictionary step by step as mitmproxy does, each field is looked up under
 * every name it has had; {@link FlowVersion} says which names a version uses where that matters.
 */
final class MitmFlow {
    private MitmFlow() {
    }

    /** The exchange of an HTTP flow, or null (after telling {@code problems} why) when it has no usable request. */
    static Exchange toExchange(Map<String, Object> flow, int version, String origin, Consumer<String> problems) {
        Map<String, Object> request = map(flow.get("request"));
        if (request == null) {
            problems.accept("no request; skipped");
            return null;
        }
        String method = text(request.get("method"));
        if (method == null || method.isEmpty()) {
            problems.accept("the request has no method; skipped");
            return null;
        }
        List<Header> requestHeaders = headers(request.get("headers"));
        String host = prettyHost(request, requestHeaders);
        int port = number(request.get("port"));
        String url = url(method, text(request.get("scheme")), host, port, text(request.get("path")));
        Object requestContent = content(request);
        HttpRequest httpRequest = new HttpRequest(method, url, httpVersion(request), requestHeaders, bytes(requestContent));

        Map<String, Object> response = map(flow.get("response"));
        HttpResponse httpResponse = null;
        boolean incomplete = requestContent == null && request.containsKey("content");
        if (response != null) {
            Object responseContent = content(response);
            incomplete |= responseContent == null;
            httpResponse = new HttpResponse(status(response), headers(response.get("headers")), bytes(responseContent));
        }
        Map<String, Object> error = map(flow.get("error"));
        if (error != null) {
            problems.accept("mitmproxy recorded an error: " + text(error.get("msg")));
            incomplete = true;
        }
        Instant time = seconds(request.get("timestamp_start"));
        if (time == null) {
            time = seconds(flow.get("timestamp_created"));
        }
        Map<String, Object> webSocket = map(flow.get("websocket"));
        List<Message> messages = webSocket == null ? List.of() : messages(webSocket.get("messages"));
        return new Exchange(time, origin, client(map(flow.get("client_conn")), version),
                server(map(flow.get("server_conn")), version, host, port), httpRequest, httpResponse,
                messages, null, incomplete);
    }

    /** WebSocket messages: [type, from_client, content, timestamp, (injected), (dropped)]. */
    static List<Message> messages(Object list) {
        List<Message> messages = new ArrayList<>();
        if (!(list instanceof List<?> items)) {
            return messages;
        }
        for (Object item : items) {
            if (item instanceof List<?> fields && fields.size() >= 3) {
                int opcode = number(fields.get(0));
                if (opcode == 1 || opcode == 2) {
                    Instant time = fields.size() > 3 ? seconds(fields.get(3)) : null;
                    messages.add(new Message(Boolean.TRUE.equals(fields.get(1)), time, opcode == 1, bytes(fields.get(2))));
                }
            }
        }
        return messages;
    }

    /** The host as mitmproxy shows it: from the HTTP/2 authority or Host header, else the connection's. */
    private static String prettyHost(Map<String, Object> request, List<Header> headers) {
        String authority = text(request.get("authority"));
        if (authority == null || authority.isEmpty()) {
            authority = Headers.first(headers, "Host");
        }
        if (authority != null && !authority.isEmpty()) {
            return hostOf(authority);
        }
        return text(request.get("host"));
    }

    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority.substring(1) : authority.substring(1, close);
        }
        int colon = authority.lastIndexOf(':');
        boolean portAfter = colon > 0 && authority.indexOf(':') == colon
                && authority.substring(colon + 1).chars().allMatch(Character::isDigit);
        return portAfter ? authority.substring(0, colon) : authority;
    }

    private static String url(String method, String scheme, String host, int port, String path) {
        String shownHost = host == null ? "" : host.contains(":") ? "[" + host + "]" : host;
        if ("CONNECT".equalsIgnoreCase(method) || path == null || path.isEmpty() || path.equals("*") && scheme == null) {
            return shownHost + ":" + port;
        }
        String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port == 0 || s.equals("http") && port == 80 || s.equals("https") && port == 443;
        return s + "://" + shownHost + (defaultPort ? "" : ":" + port) + (path.startsWith("/") ? path : "/" + path);
    }

    private static String httpVersion(Map<String, Object> request) {
        Object old = request.get("httpversion");
        String version;
        if (old instanceof List<?> parts && !parts.isEmpty()) {
            StringBuilder joined = new StringBuilder("HTTP/");
            for (int i = 0; i < parts.size(); i++) {
                joined.append(i == 0 ? "" : ".").append(number(parts.get(i)));
            }
            version = joined.toString();
        } else {
            version = text(request.get("http_version"));
        }
        if (version == null || version.isEmpty()) {
            return null;
        }
        return switch (version.toUpperCase(Locale.ROOT)) {
            case "HTTP/2.0", "HTTP/2" -> "HTTP/2";
            case "HTTP/3.0", "HTTP/3" -> "HTTP/3";
            default -> version;
        };
    }

    /** Versions 0.14 and 0.15 called the body "body"; all others "content". Null when mitmproxy kept none. */
    private static Object content(Map<String, Object> message) {
        return message.containsKey("content") ? message.get("content") : message.get("body");
    }

    /** "code" up to version 0.13, "status_code" since. */
    private static int status(Map<String, Object> response) {
        Object status = response.containsKey("status_code") ? response.get("status_code") : response.get("code");
        return number(status);
    }

    private static Endpoint client(Map<String, Object> conn, int version) {
        if (conn == null) {
            return Endpoint.UNKNOWN;
        }
        Object peer = version >= FlowVersion.PEERNAME ? conn.get("peername") : conn.get("address");
        if (peer == null) {
            peer = conn.containsKey("peername") ? conn.get("peername") : conn.get("address");
        }
        Object[] address = address(peer);
        return address == null ? Endpoint.UNKNOWN : new Endpoint(null, (String) address[0], (Integer) address[1]);
    }

    private static Endpoint server(Map<String, Object> conn, int version, String host, int requestPort) {
        Object[] peer = null;
        Object[] address = null;
        if (conn != null) {
            // "peer_address" (0.16-0.17), "ip_address" (0.18-18), "peername" (19 on): the address connected to.
            Object ip = version >= FlowVersion.PEERNAME ? conn.get("peername")
                    : conn.containsKey("ip_address") ? conn.get("ip_address") : conn.get("peer_address");
            peer = address(ip);
            address = address(conn.get("address"));
        }
        String ip = peer == null ? null : (String) peer[0];
        int port = peer != null ? (Integer) peer[1] : address != null ? (Integer) address[1] : requestPort;
        if (host == null && address != null) {
            host = (String) address[0];
        }
        return new Endpoint(host, ip, port);
    }

    /** [host, port], or before version 2.0 {"address": [host, port], "use_ipv6": ..}; null when absent. */
    private static Object[] address(Object value) {
        for (int depth = 0; depth < 3 && value instanceof Map<?, ?> nested; depth++) {
            value = nested.get("address");
        }
        if (value instanceof List<?> pair && pair.size() >= 2 && text(pair.get(0)) != null) {
            return new Object[] {text(pair.get(0)), number(pair.get(1))};
        }
        return null;
    }

    private static List<Header> headers(Object list) {
        List<Header> headers = new ArrayList<>();
        if (list instanceof Map<?, ?> wrapped) {
            list = wrapped.get("fields");
        }
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof List<?> pair && pair.size() >= 2) {
                    String name = text(pair.get(0));
                    if (name != null && !name.isEmpty()) {
                        headers.add(new Header(name, text(pair.get(1))));
                    }
                }
            }
        }
        return headers;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value instanceof String s ? s : null;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    private static int number(Object value) {
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        return value instanceof Double d && Double.isFinite(d) ? (int) d.doubleValue() : 0;
    }

    private static Instant seconds(Object value) {
        double seconds;
        if (value instanceof Double d) {
            seconds = d;
        } else if (value instanceof Long l) {
            seconds = l;
        } else {
            return null;
        }
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1.0e12) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1000L);
    }
}
