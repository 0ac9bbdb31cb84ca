package org.telltale.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;

/**
 * Builds an {@link Exchange} for tests in a few readable lines:
 * {@code ExchangeBuilder.post("https://t.example/c").header("Content-Type", "text/plain").body("x").build()}.
 */
public final class ExchangeBuilder {
    private static final Endpoint DEVICE = new Endpoint(null, "10.0.2.16", 0);

    private final String method;
    private final String url;
    private final List<Header> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private Instant time;
    private String serverIp;
    private String origin;
    private int status;
    private final List<Header> responseHeaders = new ArrayList<>();
    private byte[] responseBody;

    private ExchangeBuilder(String method, String url) {
        this.method = method;
        this.url = url;
    }

    /** A request with the given method (upper case, as sent) to an absolute URL. */
    public static ExchangeBuilder request(String method, String url) {
        return new ExchangeBuilder(method, url);
    }

    /** A GET request to an absolute URL. */
    public static ExchangeBuilder get(String url) {
        return new ExchangeBuilder("GET", url);
    }

    /** A POST request to an absolute URL. */
    public static ExchangeBuilder post(String url) {
        return new ExchangeBuilder("POST", url);
    }

    /** Adds a request header; repeated names are kept in order. */
    public ExchangeBuilder header(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    /** Adds all the request headers in order. */
    public ExchangeBuilder headers(List<Header> more) {
        headers.addAll(more);
        return this;
    }

    /** The request body as sent on the wire. */
    public ExchangeBuilder body(byte[] bytes) {
        body = bytes.clone();
        return this;
    }

    /** The request body as UTF-8 text. */
    public ExchangeBuilder body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** When the request started. */
    public ExchangeBuilder time(Instant when) {
        time = when;
        return this;
    }

    /** The server's IP address in textual form. */
    public ExchangeBuilder serverIp(String ip) {
        serverIp = ip;
        return this;
    }

    /** Where in the input the exchange is said to come from ("entry 3"). */
    public ExchangeBuilder origin(String where) {
        origin = where;
        return this;
    }

    /** Gives the exchange a response with this status, one Content-Type header and this body. */
    public ExchangeBuilder response(int statusCode, String contentType, byte[] bytes) {
        status = statusCode;
        responseHeaders.add(new Header("Content-Type", contentType));
        responseBody = bytes.clone();
        return this;
    }

    /** Gives the exchange a response with a UTF-8 text body. */
    public ExchangeBuilder response(int statusCode, String contentType, String text) {
        return response(statusCode, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a response header (call after {@code response}, or the exchange gets an empty 200). */
    public ExchangeBuilder responseHeader(String name, String value) {
        if (responseBody == null) {
            status = 200;
            responseBody = new byte[0];
        }
        responseHeaders.add(new Header(name, value));
        return this;
    }

    /** The exchange; the server host and port come from the URL. */
    public Exchange build() {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        Endpoint server = new Endpoint(uri.getHost(), serverIp, port);
        HttpRequest request = new HttpRequest(method, url, "HTTP/1.1", headers, body);
        HttpResponse response = responseBody == null ? null : new HttpResponse(status, responseHeaders, responseBody);
        return new Exchange(time, origin, DEVICE, server, request, response, List.of(), null, false);
    }
}
