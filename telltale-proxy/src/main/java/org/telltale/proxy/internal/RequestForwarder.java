package org.telltale.proxy.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

/**
 * Forwards each request read on a client-facing channel (an HTTP/1.1 connection or one HTTP/2
 * stream) to its server and streams the response back as it arrives, never waiting for a whole
 * body. Backpressure both ways: when the side written to cannot take more, the side read from
 * stops reading, so a slow client never makes the proxy hold a whole download.
 *
 * <p>HTTP/1.1 requests are handled one at a time; a pipelined request waits for the response
 * before it. When the server cannot be reached or trusted the client gets a 502 that says why.
 */
public final class RequestForwarder extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>();
    private final ArrayDeque<HttpObject> unsent = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ClientConnection connection;
    private UpstreamLink link;
    private ExchangeDraft draft;
    private HttpRequest request;
    private boolean inFlight;
    private boolean requestRead;
    private boolean dropping;
    private boolean responseDone;
    private boolean responseStarted;
    private boolean websocket;
    private boolean serverKeepsAlive;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.connection = ClientConnection.of(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (inFlight && requestRead) {
            waiting.addLast(object);
            return;
        }
        handle(object);
    }

    private void handle(HttpObject object) {
        if (object instanceof HttpRequest r && !begin(r)) {
            dropping = true;
        }
        boolean last = object instanceof LastHttpContent;
        if (dropping || responseDone) {
            ReferenceCountUtil.release(object);
        } else if (link == null) {
            unsent.addLast(object);
        } else {
            toServer(object);
        }
        if (last) {
            requestRead = true;
            if (responseDone) {
                finish();
            }
        }
    }

    /** Starts a request; false when it was answered here and its body is to be dropped. */
    private boolean begin(HttpRequest r) {
        inFlight = true;
        requestRead = false;
        dropping = false;
        responseDone = false;
        responseStarted = false;
        request = r;
        draft = ExchangeRecorder.current(ctx.channel());
        if (!r.decoderResult().isSuccess()) {
            draft = null;
            connection.runtime().diagnostic(connection.origin(), "malformed request: "
                    + r.decoderResult().cause().getMessage());
            answer(HttpResponseStatus.BAD_REQUEST, "Telltale could not read this request: "
                    + r.decoderResult().cause().getMessage(), true);
            return false;
        }
        Target target = targetOf(r);
        if (target == null) {
            if (draft != null) {
                draft.notForwarded();
            }
            answer(HttpResponseStatus.BAD_REQUEST, "Telltale is a proxy: send absolute URLs or use CONNECT.", false);
            return false;
        }
        websocket = isWebSocketUpgrade(r);
        prepareForServer(r, target);
        ctx.channel().config().setAutoRead(false);
        Future<UpstreamLink> acquired = connection.upstreams().acquire(target);
        acquired.addListener(f -> connected(acquired, target));
        return true;
    }

    private void connected(Future<UpstreamLink> acquired, Target target) {
        if (!ctx.channel().isActive()) {
            if (acquired.isSuccess()) {
                connection.upstreams().release(acquired.getNow(), false);
            }
            releaseAll(unsent);
            return;
        }
        if (!acquired.isSuccess()) {
            String why = UpstreamFailures.describe(acquired.cause());
            String what = draft == null ? connection.origin() : draft.origin();
            connection.runtime().diagnostic(what, "upstream " + target.describe() + ": " + why
                    + "; the request was not forwarded (the client got 502)");
            releaseAll(unsent);
            dropping = true;
            if (draft != null) {
                draft.notForwarded();
            }
            answer(HttpResponseStatus.BAD_GATEWAY, "Telltale did not forward this request: the server "
                    + target.describe() + " failed: " + why + "\n", false);
            ctx.channel().config().setAutoRead(true);
            return;
        }
        link = acquired.getNow();
        Channel server = link.channel();
        if (server.pipeline().get("errors") != null) {
            server.pipeline().addBefore("errors", "relay", new ResponseRelay(this));
        } else {
            server.pipeline().addLast("relay", new ResponseRelay(this));
        }
        if (draft != null) {
            draft.server(UpstreamConnections.serverOf(link, target.serverName()));
        }
        while (!unsent.isEmpty()) {
            toServer(unsent.pollFirst());
        }
        if (server.isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void toServer(HttpObject object) {
        Channel server = link.channel();
        server.writeAndFlush(object).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (!server.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** A piece of the response, written on to the client as it comes. */
    void fromServer(HttpObject object) {
        if (link == null || responseDone) {
            ReferenceCountUtil.release(object);
            return;
        }
        if (object instanceof HttpResponse response) {
            stripExtensionHeaders(response.headers());
            int code = response.status().code();
            if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code() && websocket && !link.http2()) {
                ExchangeDraft upgraded = ExchangeRecorder.current(ctx.channel());
                UpstreamLink server = link;
                link = null;
                responseDone = true;
                ctx.writeAndFlush(object);
                WebSocketSplice.splice(ctx.channel(), server.channel(), upgraded, connection.runtime());
                return;
            }
            if (code >= 200 || code < 100) {
                responseStarted = true;
                serverKeepsAlive = HttpUtil.isKeepAlive(response);
            }
        }
        Channel server = link.channel();
        ctx.writeAndFlush(object).addListener(f -> {
            if (!f.isSuccess()) {
                server.close();
            }
        });
        if (!ctx.channel().isWritable()) {
            server.config().setAutoRead(false);
        }
        if (object instanceof LastHttpContent && responseStarted) {
            responseEnded();
        }
    }

    private void responseEnded() {
        UpstreamLink done = link;
        link = null;
        responseDone = true;
        done.channel().pipeline().remove(ResponseRelay.class);
        boolean reusable = requestRead && HttpUtil.isKeepAlive(request) && serverKeepsAlive;
        connection.upstreams().release(done, reusable);
        if (requestRead) {
            finish();
        }
    }

    /** The request and its response are both done: the next pipelined request may go. */
    private void finish() {
        inFlight = false;
        draft = null;
        request = null;
        while (!inFlight && !waiting.isEmpty()) {
            handle(waiting.pollFirst());
        }
    }

    void serverWritabilityChanged(boolean writable) {
        if (writable) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** The upstream channel closed while this request was on it. */
    void serverClosed() {
        if (link == null || responseDone) {
            return;
        }
        link = null;
        if (!responseStarted) {
            if (draft != null) {
                draft.answeredByProxy();
            }
            String origin = draft == null ? connection.origin() : draft.origin();
            connection.runtime().diagnostic(origin, "the server closed the connection before it answered");
            dropping = true;
            answer(HttpResponseStatus.BAD_GATEWAY, "Telltale: the server closed the connection before it answered.\n",
                    false);
        } else {
            // Part of the response went out already; all that is left is to cut the client off too.
            ctx.channel().close();
        }
    }

    void serverFailed(Throwable cause) {
        // serverClosed follows, as the relay closes the upstream channel.
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && link != null) {
            link.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (link != null) {
            UpstreamLink gone = link;
            link = null;
            gone.channel().close();
        }
        releaseAll(unsent);
        releaseAll(waiting);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll(unsent);
        releaseAll(waiting);
    }

    /** Answers the client from the proxy (the request goes no further). */
    private void answer(HttpResponseStatus status, String text, boolean close) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        responseDone = true;
        var written = ctx.writeAndFlush(response);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        if (requestRead) {
            finish();
        }
    }

    /** Where the request goes: its absolute URL, else the tunnel it came through. */
    private Target targetOf(HttpRequest r) {
        boolean http1Only = isWebSocketUpgrade(r);
        if (RequestHeads.isAbsolute(r.uri())) {
            try {
                URI uri = URI.create(r.uri());
                boolean tls = uri.getScheme().equalsIgnoreCase("https");
                String host = uri.getHost();
                if (host == null) {
                    return null;
                }
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
                return new Target(tls, host, port, host, http1Only);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        Tunnel tunnel = connection.tunnel();
        if (tunnel == null) {
            return null;
        }
        String name = connection.serverName();
        return new Target(name != null, tunnel.host(), tunnel.port(), name != null ? name : tunnel.host(), http1Only);
    }

    /** Origin-form target, Host present, proxy-only and HTTP/2-translation headers gone. */
    private static void prepareForServer(HttpRequest r, Target target) {
        HttpHeaders headers = r.headers();
        if (RequestHeads.isAbsolute(r.uri())) {
            URI uri = URI.create(r.uri());
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            r.setUri(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
            if (!headers.contains(HttpHeaderNames.HOST)) {
                headers.set(HttpHeaderNames.HOST, uri.getRawAuthority());
            }
        }
        headers.remove("Proxy-Connection");
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        stripExtensionHeaders(headers);
        if (isWebSocketUpgrade(r)) {
            // Extensions (permessage-deflate) would compress the messages the exchange records.
            headers.remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        } else if (headers.contains(HttpHeaderNames.UPGRADE)) {
            // Only WebSocket upgrades are relayed; h2c and others stay HTTP/1.1.
            headers.remove(HttpHeaderNames.UPGRADE);
            headers.remove("HTTP2-Settings");
            headers.remove(HttpHeaderNames.CONNECTION);
        }
    }

    private static void stripExtensionHeaders(HttpHeaders headers) {
        for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
            headers.remove(name.text());
        }
    }

    static boolean isWebSocketUpgrade(HttpRequest r) {
        String upgrade = r.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    private static void releaseAll(ArrayDeque<HttpObject> queue) {
        while (!queue.isEmpty()) {
            ReferenceCountUtil.release(queue.pollFirst());
        }
    }
}
