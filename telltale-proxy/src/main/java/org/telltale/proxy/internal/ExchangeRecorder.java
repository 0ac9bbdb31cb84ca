package org.telltale.proxy.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import org.telltale.api.Endpoint;

/**
 * Records the exchanges on a client-facing HTTP channel (an HTTP/1.1 connection or one HTTP/2
 * stream) as they pass: each request read, and the response written back to the client. It only
 * copies (up to the body limit) and never holds a message back. An exchange is emitted when its
 * response has been written whole, or cut when the channel closes first. A 101 response hands the
 * exchange over to the WebSocket relay.
 */
public final class ExchangeRecorder extends ChannelDuplexHandler {
    private static final AttributeKey<Deque<ExchangeDraft>> DRAFTS =
            AttributeKey.valueOf(ExchangeRecorder.class, "drafts");

    /** Drafts in request order; responses come back in the same order. */
    private final Deque<ExchangeDraft> drafts = new ArrayDeque<>();
    private ExchangeDraft reading;

    /** The oldest exchange on the channel still waiting for its response: the one being forwarded. */
    public static ExchangeDraft current(Channel channel) {
        Deque<ExchangeDraft> drafts = channel.attr(DRAFTS).get();
        return drafts == null ? null : drafts.peekFirst();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(DRAFTS).set(drafts);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ctx.channel().attr(DRAFTS).set(null);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            ClientConnection connection = ClientConnection.of(ctx.channel());
            int number = connection.nextRequest();
            org.telltale.api.HttpRequest head = RequestHeads.of(ctx.channel(), request);
            reading = new ExchangeDraft(connection.runtime(), connection.origin() + " request " + number,
                    connection.client(), new Endpoint(hostOf(head.url()), null, 0), Instant.now(), head);
            drafts.addLast(reading);
        }
        if (msg instanceof HttpContent content && reading != null) {
            reading.requestBody().add(content.content());
            if (msg instanceof LastHttpContent) {
                reading.requestEnded();
                reading = null;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ExchangeDraft draft = drafts.peekFirst();
        if (draft != null) {
            boolean informational = false;
            if (msg instanceof HttpResponse response) {
                int code = response.status().code();
                informational = code >= 100 && code < 200;
                if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    draft.response(code, RequestHeads.headers(response.headers()));
                    drafts.pollFirst();          // the WebSocket relay emits it
                    ctx.write(msg, promise);
                    return;
                }
                if (!informational) {
                    draft.response(code, RequestHeads.headers(response.headers()));
                }
            }
            if (!informational && msg instanceof HttpContent content && draft.hasResponse()) {
                draft.responseBody().add(content.content());
                if (msg instanceof LastHttpContent) {
                    drafts.pollFirst();
                    draft.emit(false);
                }
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (ExchangeDraft draft : drafts) {
            draft.emit(true);
        }
        drafts.clear();
        ctx.fireChannelInactive();
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
