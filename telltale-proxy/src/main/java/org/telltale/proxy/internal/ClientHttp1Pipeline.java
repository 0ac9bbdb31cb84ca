package org.telltale.proxy.internal;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** HTTP/1.1 from the client inside a tunnel (over intercepted TLS, or plain): record and forward. */
public final class ClientHttp1Pipeline {
    private ClientHttp1Pipeline() {
    }

    public static void install(ChannelPipeline pipeline) {
        pipeline.addBefore("errors", "http", PlainProxyPipeline.httpServerCodec());
        pipeline.addBefore("errors", "keepalive", new HttpServerKeepAliveHandler());
        pipeline.addBefore("errors", "recorder", new ExchangeRecorder());
        pipeline.addBefore("errors", "forwarder", new RequestForwarder());
    }
}
