package org.telltale.proxy.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * Rewires both sides of an HTTP/1.1 connection pair for WebSocket frames once the server has
 * answered 101: the client side reads masked frames and writes plain ones, the upstream side the
 * other way round, and a {@link WebSocketRelay} on each side records messages and passes frames.
 * Called on the shared event loop right after the 101 was written, before any frame is read.
 */
final class WebSocketSplice {
    /** A single frame is held whole by the decoder, so its size is bounded. */
    static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

    private WebSocketSplice() {
    }

    static void splice(Channel client, Channel server, ExchangeDraft draft, ProxyRuntime runtime) {
        WebSocketSession session = new WebSocketSession(draft);
        ChannelPipeline c = client.pipeline();
        c.addAfter("http", "ws-decoder", new WebSocket13FrameDecoder(config(true)));
        c.addAfter("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(false));
        c.addAfter("ws-encoder", "ws-relay", new WebSocketRelay(session, true, server));
        for (String name : new String[] {"frontend", "keepalive", "recorder", "forwarder", "http"}) {
            if (c.get(name) != null) {
                c.remove(name);
            }
        }
        ChannelPipeline s = server.pipeline();
        s.addAfter("http", "ws-decoder", new WebSocket13FrameDecoder(config(false)));
        s.addAfter("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(true));
        s.addAfter("ws-encoder", "ws-relay", new WebSocketRelay(session, false, client));
        s.remove("relay");
        s.remove("http");
    }

    private static WebSocketDecoderConfig config(boolean fromClient) {
        return WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(fromClient)
                .allowMaskMismatch(false)
                .allowExtensions(true)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .build();
    }
}
