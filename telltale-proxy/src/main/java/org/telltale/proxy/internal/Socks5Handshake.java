package org.telltale.proxy.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5Message;
import io.netty.util.ReferenceCountUtil;

/**
 * The SOCKS5 greeting and command: no authentication (the --allow list is the access control),
 * CONNECT only. On CONNECT the client is told it succeeded at once and the tunnel sniffer takes
 * over; the server is reached when the tunnel's first bytes say how.
 */
public final class Socks5Handshake extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ClientConnection connection = ClientConnection.of(ctx.channel());
            if (msg instanceof Socks5Message m && !m.decoderResult().isSuccess()) {
                connection.runtime().diagnostic(connection.origin(), "malformed SOCKS5 message: "
                        + m.decoderResult().cause().getMessage());
                ctx.close();
            } else if (msg instanceof Socks5InitialRequest greeting) {
                if (greeting.authMethods().contains(Socks5AuthMethod.NO_AUTH)) {
                    ctx.pipeline().replace("socks-decoder", "socks-decoder", new Socks5CommandRequestDecoder());
                    ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
                } else {
                    connection.runtime().diagnostic(connection.origin(), "SOCKS5 client offers no method without"
                            + " authentication; refused");
                    ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            } else if (msg instanceof Socks5CommandRequest command) {
                if (command.type() != Socks5CommandType.CONNECT) {
                    connection.runtime().diagnostic(connection.origin(), "SOCKS5 " + command.type()
                            + " is not supported, only CONNECT");
                    ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.COMMAND_UNSUPPORTED,
                            Socks5AddressType.IPv4)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                connection.tunnel(new Tunnel(command.dstAddr(), command.dstPort()));
                ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.IPv4,
                        "0.0.0.0", 0));
                ChannelPipeline pipeline = ctx.pipeline();
                pipeline.addAfter(ctx.name(), "tunnel", new TunnelSniffer());
                // This handler first: bytes the decoder read past the command then go to the sniffer.
                pipeline.remove(this);
                pipeline.remove("socks-decoder");
                pipeline.remove("socks-encoder");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
