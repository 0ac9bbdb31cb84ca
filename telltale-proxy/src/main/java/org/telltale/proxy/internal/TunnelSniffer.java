package org.telltale.proxy.internal;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * The first bytes inside a CONNECT or SOCKS tunnel say what it carries: a TLS ClientHello is
 * intercepted (or passed through, for a --passthrough host), plain HTTP is read as http://, and
 * anything else is relayed unread as an opaque "tcp" connection.
 */
public final class TunnelSniffer extends ByteToMessageDecoder {
    private static final int TLS_HANDSHAKE = 0x16;
    private static final int LONGEST_METHOD = 16;
    /** A client that sends nothing this long waits for the server to speak first (SMTP, SSH banners). */
    static final long SILENCE_MILLIS = 3000;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!ctx.isRemoved() && !bytesSeen && ctx.channel().isActive()) {
                OpaqueTunnel.install(ctx.pipeline(), "tcp", "the client sent nothing first: relayed unread", null);
                ctx.pipeline().remove(this);
            }
        }, SILENCE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private boolean bytesSeen;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int readable = in.readableBytes();
        if (readable == 0) {
            return;
        }
        bytesSeen = true;
        ClientConnection connection = ClientConnection.of(ctx.channel());
        Tunnel tunnel = connection.tunnel();
        if ((in.getByte(in.readerIndex()) & 0xff) == TLS_HANDSHAKE) {
            int most = ClientHello.MAX_HELLO_BYTES + 5 * 16;   // the largest hello waited for, in records of its own
            int length = Math.min(readable, most);
            byte[] bytes = new byte[length];
            in.getBytes(in.readerIndex(), bytes);
            ClientHello.Result result = ClientHello.parse(bytes, length);
            if (result instanceof ClientHello.NeedMore && readable < most) {
                return;   // the rest of the hello is in a later read
            }
            if (result instanceof ClientHello.Complete complete) {
                ClientHello hello = complete.hello();
                String name = hello.sni() != null ? hello.sni() : tunnel.host();
                PassthroughHosts passthrough = connection.runtime().passthrough();
                if (passthrough.matches(name) || passthrough.matches(tunnel.host())) {
                    OpaqueTunnel.install(ctx.pipeline(), "tls", "passed through (--passthrough)", hello);
                } else {
                    InterceptedTlsPipeline.install(ctx.pipeline(), ctx.channel(), hello);
                }
            } else {
                OpaqueTunnel.install(ctx.pipeline(), "tls", "not read: the TLS start was not a ClientHello Telltale"
                        + " could read", null);
            }
        } else if (looksLikeHttp(in)) {
            ClientHttp1Pipeline.install(ctx.pipeline());
        } else if (readable < LONGEST_METHOD && startsLikeHttp(in)) {
            return;   // a method name so far: wait for the space after it
        } else {
            OpaqueTunnel.install(ctx.pipeline(), "tcp", "neither TLS nor HTTP: relayed unread", null);
        }
        ctx.pipeline().remove(this);
    }

    /** An HTTP request line starts with a method (upper-case letters) and a space. */
    static boolean looksLikeHttp(ByteBuf in) {
        int n = Math.min(in.readableBytes(), LONGEST_METHOD);
        for (int i = 0; i < n; i++) {
            byte b = in.getByte(in.readerIndex() + i);
            if (b == ' ') {
                return i > 0;
            }
            if (b < 'A' || b > 'Z') {
                return false;
            }
        }
        return false;
    }

    private static boolean startsLikeHttp(ByteBuf in) {
        for (int i = 0; i < in.readableBytes(); i++) {
            byte b = in.getByte(in.readerIndex() + i);
            if (b < 'A' || b > 'Z') {
                return false;
            }
        }
        return true;
    }
}
