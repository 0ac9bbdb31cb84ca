package org.telltale.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * An origin server on loopback, written with Netty for the tests: HTTPS with HTTP/2 and HTTP/1.1 by
 * ALPN (or HTTP/1.1 only, or plain HTTP), and these paths:
 * <ul>
 * <li>{@code /echo}: answers "METHOD PATH VERSION" and the request body after a newline;</li>
 * <li>{@code /big?n=N}: N bytes of 'x', streamed in 8 KiB chunks;</li>
 * <li>{@code /sse}: three server-sent events, the second and third only after {@link #releaseSse()};</li>
 * <li>{@code /ws}: a WebSocket that echoes each message back prefixed with "echo:";</li>
 * <li>any path given to {@link #serve}: that content (a test page and its script, for a browser).</li>
 * </ul>
 * It keeps the requests it received (with the HTTP version each came in, so a test sees what ALPN
 * agreed) and the WebSocket messages, to check that what the proxy forwarded is what was sent. Its
 * API has no Netty type, so tests of other modules use it through the proxy's test-jar.
 */
public final class OriginServer implements AutoCloseable {
    public enum Mode { HTTPS_H2_AND_H1, HTTPS_H1_ONLY, PLAIN }

    /**
     * One request as the origin read it.
     *
     * @param method  the method
     * @param uri     the request target (path and query)
     * @param version "HTTP/2" or "HTTP/1.1": what this connection agreed with the proxy
     * @param body    the body
     */
    public record Request(String method, String uri, String version, byte[] body) {
        /** "METHOD URI VERSION", as {@link #received()} lists it. */
        public String line() {
            return method + " " + uri + " " + version;
        }
    }

    private record Content(String type, byte[] body) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final List<Request> received = new ArrayList<>();
    private final List<String> webSocketTexts = new ArrayList<>();
    private final Map<String, Content> contents = new ConcurrentHashMap<>();
    private final CountDownLatch sseGate = new CountDownLatch(1);

    public OriginServer(Mode mode, TestCa ca) throws Exception {
        SslContext tls = mode == Mode.PLAIN ? null : SslContextBuilder
                .forServer(ca.serverKeys.getPrivate(), ca.serverCertificate, ca.certificate)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        mode == Mode.HTTPS_H2_AND_H1
                                ? new String[] {ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1}
                                : new String[] {ApplicationProtocolNames.HTTP_1_1}))
                .build();
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls == null) {
                            http1(ch.pipeline());
                            return;
                        }
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        ch.pipeline().addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                            @Override
                            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                    ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build());
                                    ctx.pipeline().addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                        @Override
                                        protected void initChannel(Http2StreamChannel stream) {
                                            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                                            stream.pipeline().addLast(new HttpObjectAggregator(16 * 1024 * 1024));
                                            stream.pipeline().addLast(new Routes("HTTP/2"));
                                        }
                                    }));
                                } else {
                                    http1(ctx.pipeline());
                                }
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    private void http1(ChannelPipeline pipeline) {
        pipeline.addLast(new HttpServerCodec());
        pipeline.addLast(new HttpObjectAggregator(16 * 1024 * 1024));
        pipeline.addLast(new WebSocketServerProtocolHandler("/ws"));
        pipeline.addLast(new Routes("HTTP/1.1"));
        pipeline.addLast(new WebSocketEcho());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The request lines received, "METHOD URI VERSION". */
    public synchronized List<String> received() {
        return received.stream().map(Request::line).toList();
    }

    /** The requests received, in order, bodies included (WebSocket upgrades are not among them). */
    public synchronized List<Request> requests() {
        return List.copyOf(received);
    }

    /** The text messages received on /ws, in order. */
    public synchronized List<String> webSocketTexts() {
        return List.copyOf(webSocketTexts);
    }

    /**
     * Serves this content at the path (whatever the query), with Cache-Control: no-store, so a
     * browser asks again on each visit.
     */
    public OriginServer serve(String path, String contentType, String body) {
        contents.put(path, new Content(contentType, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Lets /sse send its last events. */
    public void releaseSse() {
        sseGate.countDown();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String version;

        Routes(String version) {
            this.version = version;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] requestBody = new byte[request.content().readableBytes()];
            request.content().getBytes(request.content().readerIndex(), requestBody);
            synchronized (OriginServer.this) {
                received.add(new Request(request.method().name(), request.uri(), version, requestBody));
            }
            String path = request.uri();
            String streamId = request.headers().get(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
            int query = path.indexOf('?');
            Content served = contents.get(query < 0 ? path : path.substring(0, query));
            if (served != null) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(served.body()));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, served.type());
                response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
                HttpUtil.setContentLength(response, served.body().length);
                keepStream(response, streamId);
                ctx.writeAndFlush(response).addListener(f -> {
                    if (!HttpUtil.isKeepAlive(request)) {
                        ctx.close();
                    }
                });
            } else if (path.startsWith("/big")) {
                int n = Integer.parseInt(path.substring(path.indexOf("n=") + 2));
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
                HttpUtil.setContentLength(head, n);
                keepStream(head, streamId);
                ctx.write(head);
                for (int sent = 0; sent < n; sent += 8192) {
                    ByteBuf chunk = ctx.alloc().buffer(Math.min(8192, n - sent));
                    chunk.writeBytes("x".repeat(Math.min(8192, n - sent)).getBytes(StandardCharsets.US_ASCII));
                    ctx.write(new DefaultHttpContent(chunk));
                }
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else if (path.startsWith("/sse")) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
                head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
                HttpUtil.setTransferEncodingChunked(head, true);
                keepStream(head, streamId);
                ctx.write(head);
                ctx.writeAndFlush(new DefaultHttpContent(text("data: first\n\n")));
                Thread waiter = new Thread(() -> {
                    try {
                        sseGate.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ctx.executor().execute(() -> {
                        ctx.write(new DefaultHttpContent(text("data: second\n\n")));
                        ctx.write(new DefaultHttpContent(text("data: third\n\n")));
                        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    });
                });
                waiter.setDaemon(true);
                waiter.start();
            } else {
                byte[] body = request.content().toString(StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
                String line = request.method() + " " + request.uri() + " " + version + "\n";
                ByteBuf content = Unpooled.buffer();
                content.writeBytes(line.getBytes(StandardCharsets.UTF_8)).writeBytes(body);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                HttpUtil.setContentLength(response, content.readableBytes());
                keepStream(response, streamId);
                ctx.writeAndFlush(response).addListener(f -> {
                    if (!HttpUtil.isKeepAlive(request)) {
                        ctx.close();
                    }
                });
            }
        }

        private void keepStream(HttpResponse response, String streamId) {
            if (streamId != null) {
                response.headers().set(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text(), streamId);
            }
        }
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private final class WebSocketEcho extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame t) {
                synchronized (OriginServer.this) {
                    webSocketTexts.add(t.text());
                }
                ctx.writeAndFlush(new TextWebSocketFrame("echo:" + t.text()));
            } else if (frame instanceof BinaryWebSocketFrame b) {
                ByteBuf reply = Unpooled.buffer().writeBytes("echo:".getBytes(StandardCharsets.US_ASCII))
                        .writeBytes(b.content(), b.content().readerIndex(), b.content().readableBytes());
                ctx.writeAndFlush(new BinaryWebSocketFrame(reply)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }
}
