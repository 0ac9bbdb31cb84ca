package org.telltale.proxy.internal;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Tells the two protocols served on the proxy's port apart by the first byte: 0x05 is a SOCKS5
 * greeting (an HTTP request starts with a letter), anything else is read as HTTP. Then it steps
 * aside; the bytes it saw go on to the protocol's handlers.
 */
public final class ProtocolSniffer extends ByteToMessageDecoder {
    static final byte SOCKS5 = 0x05;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getByte(in.readerIndex()) == SOCKS5) {
            Socks5Pipeline.install(ctx.pipeline(), ctx.name());
        } else {
            PlainProxyPipeline.install(ctx.pipeline(), ctx.name());
        }
        ctx.pipeline().remove(this);
    }
}
