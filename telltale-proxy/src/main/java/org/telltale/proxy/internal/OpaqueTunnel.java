package org.telltale.proxy.internal;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.telltale.api.Endpoint;
import org.telltale.api.OpaqueConnection;

/**
 * A tunnel relayed byte for byte without being read: a --passthrough host, or a protocol that is
 * neither TLS nor HTTP. Reported once as an {@link OpaqueConnection} with the reason. The bytes read
 * before the server answered wait here (reading is paused meanwhile, so they are few).
 */
public final class OpaqueTunnel extends ChannelInboundHandlerAdapter {
    private final String protocol;
    private final String reason;
    private final ClientHello hello;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private Channel server;

    private OpaqueTunnel(String protocol, String reason, ClientHello hello) {
        this.protocol = protocol;
        this.reason = reason;
        this.hello = hello;
    }

    public static void install(ChannelPipeline pipeline, String protocol, String reason, ClientHello hello) {
        pipeline.addBefore("errors", "opaque", new OpaqueTunnel(protocol, reason, hello));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        ClientConnection connection = ClientConnection.of(client);
        Tunnel tunnel = connection.tunnel();
        ChannelFuture connect = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, ProxyRuntime.CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ByteRelay(client))
                .connect(tunnel.host(), tunnel.port());
        connection.runtime().channels().add(connect.channel());
        connect.addListener(f -> {
            String host = hello != null && hello.sni() != null ? hello.sni() : tunnel.host();
            if (!f.isSuccess()) {
                connection.runtime().diagnostic(connection.origin(), "upstream " + tunnel.authority() + ": "
                        + UpstreamFailures.describe(f.cause()));
                report(connection, new Endpoint(host, null, tunnel.port()));
                releasePending();
                client.close();
                return;
            }
            server = connect.channel();
            InetSocketAddress remote = (InetSocketAddress) server.remoteAddress();
            report(connection, new Endpoint(host, remote.getAddress().getHostAddress(), remote.getPort()));
            while (!pending.isEmpty()) {
                server.write(pending.pollFirst());
            }
            server.flush();
            server.config().setAutoRead(true);
            client.config().setAutoRead(true);
        });
        client.closeFuture().addListener(f -> {
            if (server != null) {
                server.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                connect.channel().close();
            }
        });
    }

    private void report(ClientConnection connection, Endpoint endpoint) {
        connection.runtime().observe(new OpaqueConnection(connection.acceptedAt(), connection.origin(), protocol,
                connection.client(), endpoint, hello == null ? null : hello.sni(),
                hello == null ? null : hello.alpn(), null, reason));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (server == null) {
            pending.addLast(msg);
            return;
        }
        server.writeAndFlush(msg).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (!server.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && server != null) {
            server.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending();
    }

    private void releasePending() {
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.pollFirst());
        }
    }

    /** The server side of an opaque tunnel: bytes back to the client, with backpressure. */
    private static final class ByteRelay extends ChannelInboundHandlerAdapter {
        private final Channel client;

        ByteRelay(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            client.writeAndFlush(msg).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            if (!client.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                client.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
