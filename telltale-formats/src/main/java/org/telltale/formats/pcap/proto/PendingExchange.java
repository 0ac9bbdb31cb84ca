package org.telltale.formats.pcap.proto;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.Headers;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;

/** One exchange being read: its request, then its response, filled in as the bytes arrive. */
final class PendingExchange {
    /** A Host value that is a host name or IP literal with an optional port, and nothing more. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=%-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{0,5})?");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    final long startPacket;
    final Instant time;
    final RequestLine line;
    private final List<Header> requestHeaders;
    private byte[] requestBody;
    boolean requestDone;

    private int status;
    private List<Header> responseHeaders;
    private byte[] responseBody;
    boolean responseDone;
    boolean incomplete;

    PendingExchange(long startPacket, Instant time, RequestLine line, List<Header> headers) {
        this.startPacket = startPacket;
        this.time = time;
        this.line = line;
        this.requestHeaders = new ArrayList<>(headers);
    }

    boolean isConnect() {
        return line.method().equals("CONNECT");
    }

    boolean isHead() {
        return line.method().equals("HEAD");
    }

    /** True when it asks to leave HTTP: CONNECT, or an Upgrade (WebSocket, h2c). */
    boolean mayLeaveHttp() {
        return isConnect() || Headers.first(requestHeaders, "Upgrade") != null;
    }

    String requestHeader(String name) {
        return Headers.first(requestHeaders, name);
    }

    String responseHeader(String name) {
        return responseHeaders == null ? null : Headers.first(responseHeaders, name);
    }

    void finishRequest(BodyReader body) {
        requestBody = body.body();
        requestHeaders.addAll(body.trailers());
        incomplete |= body.lossy();
        requestDone = true;
    }

    void responseHead(StatusLine statusLine, List<Header> headers) {
        status = statusLine.status();
        responseHeaders = new ArrayList<>(headers);
    }

    boolean hasResponseHead() {
        return responseHeaders != null;
    }

    int status() {
        return status;
    }

    void finishResponse(BodyReader body) {
        if (body != null) {
            responseBody = body.body();
            responseHeaders.addAll(body.trailers());
            incomplete |= body.lossy();
        }
        responseDone = true;
    }

    /** The exchange as the model has it. */
    Exchange toExchange(ConnectionContext ctx) {
        String hostHeader = requestHeader("Host");
        String host = hostHeader != null && HOST.matcher(hostHeader).matches() ? hostHeader : null;
        HttpRequest request = new HttpRequest(line.method(), url(ctx, host), line.version(), requestHeaders, requestBody);
        HttpResponse response = responseHeaders == null ? null : new HttpResponse(status, responseHeaders, responseBody);
        return new Exchange(time, "packet " + startPacket, ctx.client(), ctx.server(host == null ? null : hostName(host)),
                request, response, List.of(), null, incomplete);
    }

    /** True when the Host header is present but cannot be used in a URL. */
    boolean hasUnusableHost() {
        String h = requestHeader("Host");
        return h != null && !HOST.matcher(h).matches();
    }

    private String url(ConnectionContext ctx, String host) {
        String target = line.target();
        if (SCHEME.matcher(target).matches()) {
            return target;
        }
        if (isConnect()) {
            return "http://" + target;
        }
        String authority = host != null ? host : fallbackAuthority(ctx);
        if (target.startsWith("/")) {
            return "http://" + authority + target;
        }
        return target.equals("*") ? "http://" + authority : "http://" + authority + "/" + target;
    }

    /** Host and port when the request names no usable host: DNS name, tunnel target or address. */
    private static String fallbackAuthority(ConnectionContext ctx) {
        String name = ctx.tunnelHost() != null ? ctx.tunnelHost() : ctx.knownName();
        if (name == null) {
            String ip = ctx.ends().serverIp();
            name = ip == null ? "unknown" : ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        }
        int port = ctx.serverPort();
        return port == 80 || port == 0 ? name : name + ":" + port;
    }

    /** The host of a Host value, without its port or IPv6 brackets. */
    private static String hostName(String hostValue) {
        if (hostValue.startsWith("[")) {
            int close = hostValue.indexOf(']');
            return hostValue.substring(1, close);
        }
        int colon = hostValue.lastIndexOf(':');
        return (colon >= 0 ? hostValue.substring(0, colon) : hostValue).toLowerCase(Locale.ROOT);
    }
}
