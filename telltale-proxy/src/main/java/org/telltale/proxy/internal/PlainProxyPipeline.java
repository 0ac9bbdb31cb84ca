package org.telltale.proxy.internal;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * A client speaking HTTP to the proxy itself: CONNECT, absolute-form requests to forward, or the
 * setup page. The frontend sits before the keep-alive handler so that its own answers (the CONNECT
 * reply has no length) do not close the connection.
 */
public final class PlainProxyPipeline {
    private PlainProxyPipeline() {
    }

    public static void install(ChannelPipeline pipeline, String after) {
        pipeline.addAfter(after, "http", httpServerCodec());
        pipeline.addAfter("http", "frontend", new ProxyFrontend());
        pipeline.addAfter("frontend", "keepalive", new HttpServerKeepAliveHandler());
        pipeline.addAfter("keepalive", "recorder", new ExchangeRecorder());
        pipeline.addAfter("recorder", "forwarder", new RequestForwarder());
    }

    static HttpServerCodec httpServerCodec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(ProxyRuntime.MAX_INITIAL_LINE)
                .setMaxHeaderSize(ProxyRuntime.MAX_HEADER_BYTES)
                .setMaxChunkSize(ProxyRuntime.MAX_CHUNK));
    }
}
