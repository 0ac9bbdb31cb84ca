package org.telltale.proxy.internal;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * What a client says to the proxy itself over plain HTTP: CONNECT opens a tunnel, an absolute-form
 * request ("GET http://host/path") goes on to be recorded and forwarded, and a request in origin
 * form ("GET /") is addressed to the proxy: it gets the setup page, never forwarded or recorded.
 */
public final class ProxyFrontend extends ChannelInboundHandlerAdapter {
    private boolean swallowing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (swallowing) {
            swallowing = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HttpRequest request) || !request.decoderResult().isSuccess()
                || RequestHeads.isAbsolute(request.uri())) {
            ctx.fireChannelRead(msg);   // the forwarder forwards it, or answers a malformed one
            return;
        }
        swallowing = !(msg instanceof LastHttpContent);
        ReferenceCountUtil.release(msg);
        if (request.method().equals(HttpMethod.CONNECT)) {
            connect(ctx, request);
        } else {
            SetupPage.Page page = SetupPage.serve(request, ClientConnection.of(ctx.channel()).runtime().caPem(),
                    ClientConnection.of(ctx.channel()).runtime().caDer());
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, page.status(),
                    Unpooled.wrappedBuffer(page.body()));
            page.headers().forEach((name, value) -> response.headers().set(name, value));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, page.body().length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private void connect(ChannelHandlerContext ctx, HttpRequest request) {
        ClientConnection connection = ClientConnection.of(ctx.channel());
        Tunnel tunnel = ConnectTarget.parse(request.uri());
        if (tunnel == null) {
            connection.runtime().diagnostic(connection.origin(), "malformed request: CONNECT " + request.uri()
                    + " names no host:port");
            FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.copiedBuffer("CONNECT needs host:port\n", StandardCharsets.UTF_8));
            bad.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bad.content().readableBytes());
            bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        connection.tunnel(tunnel);
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection established")));
        // From here on the bytes are the tunnel's: HTTP handling steps aside for the tunnel sniffer.
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter("http", "tunnel", new TunnelSniffer());
        for (String name : new String[] {"keepalive", "recorder", "forwarder"}) {
            pipeline.remove(name);
        }
        pipeline.remove(this);
        pipeline.remove("http");
        swallowing = false;
    }
}
