package org.telltale.proxy.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Passes WebSocket frames from one side to the other, noting each in the session, with
 * backpressure: the side read from pauses while the other cannot take more.
 */
final class WebSocketRelay extends ChannelInboundHandlerAdapter {
    private final WebSocketSession session;
    private final boolean fromClient;
    private final Channel other;

    WebSocketRelay(WebSocketSession session, boolean fromClient, Channel other) {
        this.session = session;
        this.fromClient = fromClient;
        this.other = other;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        session.frame(fromClient, frame);
        if (!other.isActive()) {
            frame.release();
            return;
        }
        other.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            other.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.end();
        if (other.isActive()) {
            other.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
