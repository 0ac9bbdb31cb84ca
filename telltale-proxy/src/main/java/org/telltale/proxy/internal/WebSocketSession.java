package org.telltale.proxy.internal;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One WebSocket between the two relays: joins fragmented frames into messages (keeping at most the
 * body limit of each), hands them to the exchange, and emits it once when the WebSocket ends.
 */
final class WebSocketSession {
    private final ExchangeDraft draft;
    private final long limit;
    private final Fragments[] fragments = {new Fragments(), new Fragments()};
    private boolean closeSeen;

    WebSocketSession(ExchangeDraft draft) {
        this.draft = draft;
        this.limit = draft == null ? 0 : Math.min(Integer.MAX_VALUE - 16, draft.bodyLimit());
    }

    /** Notes a frame passing in one direction. */
    void frame(boolean fromClient, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            closeSeen = true;
            return;
        }
        Fragments f = fragments[fromClient ? 0 : 1];
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            f.start(frame instanceof TextWebSocketFrame, Instant.now());
        } else if (!(frame instanceof ContinuationWebSocketFrame) || !f.open) {
            return;   // ping, pong, or a stray continuation
        }
        f.add(frame, limit);
        if (frame.isFinalFragment()) {
            if (draft != null) {
                draft.message(fromClient, f.started, f.text, f.bytes.toByteArray());
                if (f.truncated) {
                    draft.messageTruncated();
                }
            }
            f.open = false;
        }
    }

    /** The WebSocket is over: cut when it ended without a close frame. */
    void end() {
        if (draft != null) {
            draft.emit(!closeSeen);
        }
    }

    private static final class Fragments {
        boolean open;
        boolean text;
        boolean truncated;
        Instant started;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void start(boolean text, Instant at) {
            open = true;
            this.text = text;
            this.started = at;
            truncated = false;
            bytes = new ByteArrayOutputStream();
        }

        void add(WebSocketFrame frame, long limit) {
            int readable = frame.content().readableBytes();
            int take = (int) Math.max(0, Math.min(readable, limit - bytes.size()));
            if (take > 0) {
                byte[] copy = new byte[take];
                frame.content().getBytes(frame.content().readerIndex(), copy);
                bytes.writeBytes(copy);
            }
            if (take < readable) {
                truncated = true;
            }
        }
    }
}
