package org.telltale.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2HeadersFrame;

/** Keeps an HTTP/2 stream's request head as sent, for the recorder, before it is translated to HTTP/1.1. */
public final class Http2RequestHeadTap extends ChannelInboundHandlerAdapter {
    private boolean seen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!seen && msg instanceof Http2HeadersFrame headers) {
            seen = true;
            Http2RequestHead.of(headers.headers()).attachTo(ctx.channel());
        }
        ctx.fireChannelRead(msg);
    }
}
