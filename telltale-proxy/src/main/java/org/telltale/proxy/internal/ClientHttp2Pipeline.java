package org.telltale.proxy.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * HTTP/2 from the client: each stream becomes a channel of its own, translated to HTTP/1.1
 * objects, so the recorder and forwarder are the same as for HTTP/1.1 whatever the server speaks.
 * The head tap keeps the request as sent (pseudo-headers apart, lower-case names).
 */
public final class ClientHttp2Pipeline {
    private ClientHttp2Pipeline() {
    }

    public static void install(ChannelPipeline pipeline) {
        pipeline.addBefore("errors", "h2", Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(ProxyRuntime.MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(ProxyRuntime.MAX_HEADER_BYTES))
                .build());
        pipeline.addBefore("errors", "streams", new Http2MultiplexHandler(new StreamInitializer()));
    }

    /** One client stream: one request and its response. */
    private static final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
        @Override
        protected void initChannel(Http2StreamChannel stream) {
            stream.pipeline().addLast("head", new Http2RequestHeadTap());
            stream.pipeline().addLast("http", new Http2StreamFrameToHttpObjectCodec(true));
            stream.pipeline().addLast("recorder", new ExchangeRecorder());
            stream.pipeline().addLast("forwarder", new RequestForwarder());
            stream.pipeline().addLast("errors", new StreamErrors());
        }
    }

    /** An error on one stream resets that stream only. */
    private static final class StreamErrors extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }
}
