package org.telltale.proxy.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import org.telltale.api.Header;

/**
 * Turns a request read from the client into the model's request head: the absolute URL (default
 * ports left out), the version as the client spoke it, the headers as sent.
 */
public final class RequestHeads {
    private RequestHeads() {
    }

    /** The head of a request read on the channel (an HTTP/1.1 connection or an HTTP/2 stream). */
    public static org.telltale.api.HttpRequest of(Channel channel, HttpRequest request) {
        ClientConnection connection = ClientConnection.of(channel);
        Http2RequestHead h2 = Http2RequestHead.on(channel);
        if (h2 != null) {
            String authority = h2.authority() != null ? h2.authority() : defaultAuthority(connection);
            String url = url(h2.scheme() == null ? "https" : h2.scheme(), authority, h2.path());
            return new org.telltale.api.HttpRequest(request.method().name(), url, "HTTP/2", h2.headers(), null);
        }
        return new org.telltale.api.HttpRequest(request.method().name(), url(connection, request),
                request.protocolVersion().text(), headers(request.headers()), null);
    }

    /** The headers in the order and case they came. */
    public static List<Header> headers(HttpHeaders headers) {
        List<Header> list = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> e : headers) {
            list.add(new Header(e.getKey(), e.getValue()));
        }
        return list;
    }

    /** The absolute URL of an HTTP/1.1 request: as sent when absolute, else from Host, SNI or the tunnel. */
    static String url(ClientConnection connection, HttpRequest request) {
        String uri = request.uri();
        if (isAbsolute(uri)) {
            URI parsed = URI.create(uri);
            String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
            String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
            return url(parsed.getScheme().toLowerCase(Locale.ROOT), parsed.getRawAuthority(), path + query);
        }
        String scheme = connection.serverName() != null ? "https" : "http";
        String host = request.headers().get(HttpHeaderNames.HOST);
        return url(scheme, host != null ? host : defaultAuthority(connection), uri);
    }

    /** True for an absolute-form request target (a forward proxy's "GET http://host/path"). */
    public static boolean isAbsolute(String uri) {
        String lower = uri.length() > 8 ? uri.substring(0, 8).toLowerCase(Locale.ROOT) : uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static String defaultAuthority(ClientConnection connection) {
        Tunnel tunnel = connection.tunnel();
        String host = connection.serverName() != null ? connection.serverName() : tunnel != null ? tunnel.host() : "unknown";
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return tunnel == null ? host : host + ":" + tunnel.port();
    }

    /** scheme://authority/path with the scheme's default port left out. */
    static String url(String scheme, String authority, String pathAndQuery) {
        String a = authority == null ? "" : authority;
        String defaultPort = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : null;
        if (defaultPort != null && a.endsWith(defaultPort)) {
            a = a.substring(0, a.length() - defaultPort.length());
        }
        String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        return scheme + "://" + a + (path.startsWith("/") ? path : "/" + path);
    }
}
