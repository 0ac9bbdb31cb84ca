package org.telltale.formats.har;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Consumer;

import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.Headers;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;
import org.telltale.api.Message;

/**
 * Turns one HAR entry, as {@link HarEntryReader} read it, into an {@link Exchange}. HTTP/2
 * pseudo-headers (":authority", ":path", ...) are dropped: they repeat the method and URL, and
 * mitmproxy and the wire format of HTTP/1 have none. A HAR response body is already decoded, so the
 * response's Content-Encoding header is dropped too.
 */
final class HarEntry {
    private HarEntry() {
    }

    /** The exchange in this entry, or null (after telling {@code problems} why) when it has no usable request. */
    static Exchange toExchange(HarFields.Entry entry, String origin, Consumer<String> problems) {
        HarFields.Request request = entry.request();
        if (request == null) {
            problems.accept("no request object; skipped");
            return null;
        }
        String method = request.method();
        String url = request.url();
        if (method == null || method.isEmpty() || url == null || url.isEmpty()) {
            problems.accept("the request has no method or no URL; skipped");
            return null;
        }
        List<Header> headers = headers(request.headers(), "request", problems);
        String cookie = cookieHeader(request.cookies());
        if (cookie != null && Headers.first(headers, "Cookie") == null) {
            headers.add(new Header("Cookie", cookie));
        }
        HttpRequest httpRequest = new HttpRequest(method, url, httpVersion(request.httpVersion()), headers,
                requestBody(request.postData(), problems));
        return new Exchange(time(entry.startedDateTime(), problems), origin, Endpoint.UNKNOWN,
                server(url, entry.serverIpAddress()), httpRequest, response(entry.response(), problems),
                webSocketMessages(entry.webSocketMessages(), problems), null, false);
    }

    private static HttpResponse response(HarFields.Response response, Consumer<String> problems) {
        if (response == null) {
            problems.accept("no response object");
            return null;
        }
        int status = response.status();
        if (status <= 0) {
            // Browsers write status 0 for requests that were blocked, cancelled or never answered.
            return null;
        }
        byte[] body = bytes(response.contentText(), response.contentEncoding(), "response content", problems);
        // HAR holds the body decoded; its Content-Encoding no longer applies (mitmproxy drops it too).
        List<Header> headers = headers(response.headers(), "response", problems);
        headers.removeIf(h -> h.name().equalsIgnoreCase("Content-Encoding"));
        return new HttpResponse(status, headers, body);
    }

    private static byte[] requestBody(HarFields.PostData postData, Consumer<String> problems) {
        if (postData == null) {
            return new byte[0];
        }
        String text = postData.text();
        if (text != null) {
            return bytes(text, postData.encoding(), "request postData", problems);
        }
        List<HarFields.Pair> params = postData.params();
        if (params == null || params.isEmpty()) {
            return new byte[0];
        }
        // Without the text only the parsed fields remain; rebuild them as the form body they came from.
        StringJoiner form = new StringJoiner("&");
        for (HarFields.Pair param : params) {
            String name = param.name();
            if (name != null) {
                String value = param.value();
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

    private static List<Header> headers(List<HarFields.Pair> list, String what, Consumer<String> problems) {
        List<Header> headers = new ArrayList<>();
        if (list == null) {
            problems.accept("the " + what + " has no headers list");
            return headers;
        }
        for (HarFields.Pair header : list) {
            String name = header.name();
            if (name == null || name.isEmpty()) {
                problems.accept("a " + what + " header has no name; left out");
            } else if (!name.startsWith(":")) {
                headers.add(new Header(name, header.value()));
            }
        }
        return headers;
    }

    private static String cookieHeader(List<HarFields.Pair> cookies) {
        if (cookies == null || cookies.isEmpty()) {
            return null;
        }
        StringJoiner joined = new StringJoiner("; ");
        for (HarFields.Pair cookie : cookies) {
            String name = cookie.name();
            if (name != null) {
                String value = cookie.value();
                joined.add(name + "=" + (value == null ? "" : value));
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    private static List<Message> webSocketMessages(List<HarFields.WebSocketMessage> messages,
                                                   Consumer<String> problems) {
        List<Message> result = new ArrayList<>();
        if (messages == null) {
            return result;
        }
        for (HarFields.WebSocketMessage message : messages) {
            int opcode = message.opcode();
            if (opcode != 1 && opcode != 2) {
                continue; // control frames carry no content worth keeping
            }
            boolean text = opcode == 1;
            // Chrome writes binary frames in base64.
            byte[] bytes = bytes(message.data(), text ? null : "base64", "a WebSocket message", problems);
            result.add(new Message("send".equals(message.type()), epochSeconds(message.time()), text, bytes));
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
        Instant time = HarTime.parse(startedDateTime);
        if (time == null) {
            problems.accept("startedDateTime \"" + startedDateTime + "\" is not an ISO date and time");
        }
        return time;
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
}
