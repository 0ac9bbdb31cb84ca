package org.telltale.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;

/**
 * The pipeline of a connection to an upstream server: TLS when the target has it (verifying the
 * server's certificate and name unless --insecure-upstream), then HTTP/2 or HTTP/1.1 as the server
 * agreed by ALPN. The promise is fulfilled once requests can be written.
 */
final class UpstreamInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyRuntime runtime;
    private final Target target;
    private final Promise<UpstreamLink> ready;

    UpstreamInitializer(ProxyRuntime runtime, Target target, Promise<UpstreamLink> ready) {
        this.runtime = runtime;
        this.target = target;
        this.ready = ready;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (!target.tls()) {
            pipeline.addLast(http1Codec());
            pipeline.addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ready.trySuccess(new UpstreamLink(ctx.channel(), ctx.channel(), target, false));
                    ctx.pipeline().remove(this);
                    ctx.fireChannelActive();
                }
            });
        } else {
            SslHandler tls = runtime.tls().upstream(target.http1Only())
                    .newHandler(channel.alloc(), target.serverName(), target.port());
            // Fails the promise with the handshake's own cause, before the close that follows it.
            tls.handshakeFuture().addListener(f -> {
                if (!f.isSuccess()) {
                    ready.tryFailure(f.cause());
                }
            });
            pipeline.addLast("tls", tls);
            pipeline.addLast(new ProtocolSelector());
        }
        pipeline.addLast("errors", new UpstreamErrors(ready));
    }

    static HttpClientCodec http1Codec() {
        return new HttpClientCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(ProxyRuntime.MAX_INITIAL_LINE)
                .setMaxHeaderSize(ProxyRuntime.MAX_HEADER_BYTES)
                .setMaxChunkSize(ProxyRuntime.MAX_CHUNK), false, false);
    }

    /** Installs the HTTP codec the server agreed to. */
    private final class ProtocolSelector extends ApplicationProtocolNegotiationHandler {
        ProtocolSelector() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addBefore("errors", "h2", Http2FrameCodecBuilder.forClient()
                        .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)
                                .maxHeaderListSize(ProxyRuntime.MAX_HEADER_BYTES))
                        .build());
                ctx.pipeline().addBefore("errors", "streams", new Http2MultiplexHandler(new RefusePushes()));
                ready.trySuccess(new UpstreamLink(ctx.channel(), ctx.channel(), target, true));
            } else {
                ctx.pipeline().addBefore("errors", "http", http1Codec());
                ready.trySuccess(new UpstreamLink(ctx.channel(), ctx.channel(), target, false));
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ready.tryFailure(cause);
            ctx.close();
        }
    }

    /** Server pushes are disabled in our settings; a stream the server opens anyway is closed. */
    private static final class RefusePushes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    /** Fails the connection promise on any error and closes quietly: the client side reports it. */
    private static final class UpstreamErrors extends ChannelInboundHandlerAdapter {
        private final Promise<UpstreamLink> ready;

        UpstreamErrors(Promise<UpstreamLink> ready) {
            this.ready = ready;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ready.tryFailure(cause);
            ctx.close();
        }
    }
}
