package org.telltale.proxy.internal;

import java.io.IOException;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

/**
 * Last on every client connection: an error that reached the end closes the connection. Resets and
 * TLS failures are the client's business (the handshake watcher reports what matters of those);
 * anything else is one diagnostic line.
 */
public final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);   // nothing should get here; what does must not leak
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        boolean ordinary = cause instanceof IOException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException;
        if (!ordinary) {
            ClientConnection connection = ClientConnection.of(ctx.channel());
            connection.runtime().diagnostic(connection.origin(), "closed after an error: " + cause);
        }
        ctx.close();
    }
}
