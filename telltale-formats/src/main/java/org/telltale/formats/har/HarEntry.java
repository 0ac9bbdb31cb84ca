package org.telltale.formats.har;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.Headers;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;
import org.telltale.api.Message;

/**
 * Turns one HAR entry into an {@link Exchange}. HTTP/2 pseudo-headers (":authority", ":path", ...)
 * are dropped: they repeat the method and URL, and mitmproxy and the wire format of HTTP/1 have none.
 * A HAR response body is already decoded, so the response's Content-Encoding header is dropped too.
 */
final class HarEntry {
    private static final DateTimeFormatter ISO_WITH_ANY_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private HarEntry() {
    }

    /** The exchange in this entry, or null (after telling {@code problems} why) when it has no usable request. */
    static Exchange toExchange(JsonNode entry, String origin, Consumer<String> problems) {
        JsonNode request = entry.get("request");
        if (request == null || !request.isObject()) {
            problems.accept("no request object; skipped");
            return null;
        }
        String method = text(request, "method");
        String url = text(request, "url");
        if (method == null || method.isEmpty() || url == null || url.isEmpty()) {
            problems.accept("the request has no method or no URL; skipped");
            return null;
        }
        List<Header> headers = headers(request, "request", problems);
        String cookie = cookieHeader(request.get("cookies"));
        if (cookie != null && Headers.first(headers, "Cookie") == null) {
            headers.add(new Header("Cookie", cookie));
        }
        HttpRequest httpRequest = new HttpRequest(method, url, httpVersion(text(request, "httpVersion")), headers,
                requestBody(request.get("postData"), problems));
        return new Exchange(time(text(entry, "startedDateTime"), problems), origin, Endpoint.UNKNOWN,
                server(url, text(entry, "serverIPAddress")), httpRequest, response(entry.get("response"), problems),
                webSocketMessages(entry.get("_webSocketMessages"), problems), null, false);
    }

    private static HttpResponse response(JsonNode response, Consumer<String> problems) {
        if (response == null || !response.isObject()) {
            problems.accept("no response object");
            return null;
        }
        int status = response.path("status").asInt(0);
        if (status <= 0) {
            // Browsers write status 0 for requests that were blocked, cancelled or never answered.
            return null;
        }
        JsonNode content = response.get("content");
        byte[] body = content == null ? new byte[0]
                : bytes(text(content, "text"), text(content, "encoding"), "response content", problems);
        // HAR holds the body decoded; its Content-Encoding no longer applies (mitmproxy drops it too).
        List<Header> headers = headers(response, "response", problems);
        headers.removeIf(h -> h.name().equalsIgnoreCase("Content-Encoding"));
        return new HttpResponse(status, headers, body);
    }

    private static byte[] requestBody(JsonNode postData, Consumer<String> problems) {
        if (postData == null || !postData.isObject()) {
            return new byte[0];
        }
        String text = text(postData, "text");
        if (text != null) {
            return bytes(text, text(postData, "encoding"), "request postData", problems);
        }
        JsonNode params = postData.get("params");
        if (params == null || !params.isArray() || params.isEmpty()) {
            return new byte[0];
        }
        // Without the text only the parsed fields remain; rebuild them as the form body they came from.
        StringJoiner form = new StringJoiner("&");
        for (JsonNode param : params) {
            String name = text(param, "name");
            if (name != null) {
                String value = text(param, "value");
                form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8));
            }
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text, String encoding, String what, Consumer<String> problems) {
        if (text == null) {
            return new byte[0];
        }
        if ("base64".equalsIgnoreCase(encoding)) {
            try {
                return Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                problems.accept(what + " says base64 but is not: " + e.getMessage());
                return new byte[0];
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Header> headers(JsonNode message, String what, Consumer<String> problems) {
        List<Header> headers = new ArrayList<>();
        JsonNode list = message.get("headers");
        if (list == null || !list.isArray()) {
            problems.accept("the " + what + " has no headers list");
            return headers;
        }
        for (JsonNode header : list) {
            // Browsers write {"name": .., "value": ..}; Slack writes [name, value].
            String name = header.isArray() ? textAt(header, 0) : text(header, "name");
            String value = header.isArray() ? textAt(header, 1) : text(header, "value");
            if (name == null || name.isEmpty()) {
                problems.accept("a " + what + " header has no name; left out");
            } else if (!name.startsWith(":")) {
                headers.add(new Header(name, value));
            }
        }
        return headers;
    }

    private static String cookieHeader(JsonNode cookies) {
        if (cookies == null || !cookies.isArray() || cookies.isEmpty()) {
            return null;
        }
        StringJoiner joined = new StringJoiner("; ");
        for (JsonNode cookie : cookies) {
            String name = text(cookie, "name");
            if (name != null) {
                String value = text(cookie, "value");
                joined.add(name + "=" + (value == null ? "" : value));
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    private static List<Message> webSocketMessages(JsonNode messages, Consumer<String> problems) {
        List<Message> result = new ArrayList<>();
        if (messages == null || !messages.isArray()) {
            return result;
        }
        for (JsonNode message : messages) {
            String type = text(message, "type");
            int opcode = message.path("opcode").asInt(1);
            if (opcode != 1 && opcode != 2) {
                continue; // control frames carry no content worth keeping
            }
            boolean text = opcode == 1;
            String data = text(message, "data");
            // Chrome writes binary frames in base64.
            byte[] bytes = bytes(data, text ? null : "base64", "a WebSocket message", problems);
            JsonNode time = message.get("time");
            Instant when = time != null && time.isNumber() ? epochSeconds(time.asDouble()) : null;
            result.add(new Message("send".equals(type), when, text, bytes));
        }
        return result;
    }

    private static Endpoint server(String url, String serverIp) {
        String ip = serverIp == null || serverIp.isBlank() ? null : serverIp.strip();
        if (ip != null && ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        UrlParts parts = UrlParts.of(url);
        return new Endpoint(parts.host(), ip, parts.port());
    }

    private static Instant time(String startedDateTime, Consumer<String> problems) {
        if (startedDateTime == null || startedDateTime.isBlank()) {
            return null;
        }
        try {
            TemporalAccessor parsed = ISO_WITH_ANY_OFFSET.parseBest(startedDateTime.strip(),
                    OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.accept("startedDateTime \"" + startedDateTime + "\" is not an ISO date and time");
            return null;
        }
    }

    /** The version in the form the rest of Telltale uses: "HTTP/1.1", "HTTP/2", "HTTP/3". */
    static String httpVersion(String written) {
        if (written == null || written.isBlank() || written.equalsIgnoreCase("unknown")) {
            return null;
        }
        String v = written.strip().toUpperCase(Locale.ROOT);
        switch (v) {
            case "HTTP/2", "HTTP/2.0", "H2", "H2C", "2", "2.0":
                return "HTTP/2";
            case "HTTP/3", "HTTP/3.0", "H3", "3":
                return "HTTP/3";
            case "HTTP/1.1", "1.1":
                return "HTTP/1.1";
            case "HTTP/1.0", "1.0":
                return "HTTP/1.0";
            default:
                return written.strip();
        }
    }

    static Instant epochSeconds(double seconds) {
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1.0e12) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1000L);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static String textAt(JsonNode node, int index) {
        JsonNode value = node.get(index);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
