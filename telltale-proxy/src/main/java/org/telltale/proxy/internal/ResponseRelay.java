package org.telltale.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits at the end of an upstream request channel while one request is in flight and hands what the
 * server sends back to the client side's {@link RequestForwarder}.
 */
final class ResponseRelay extends ChannelInboundHandlerAdapter {
    private final RequestForwarder forwarder;

    ResponseRelay(RequestForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject object) {
            forwarder.fromServer(object);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        forwarder.serverWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        forwarder.serverClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        forwarder.serverFailed(cause);
        ctx.close();
    }
}
