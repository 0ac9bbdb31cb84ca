package org.telltale.proxy.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;

/**
 * TLS toward the client with a leaf certificate for the name it asked (SNI, else the tunnel's host),
 * a watcher that tells why a client refused or left, and then HTTP/2 or HTTP/1.1 as the client
 * agreed by ALPN, independently of what the server will agree.
 */
public final class InterceptedTlsPipeline {
    private InterceptedTlsPipeline() {
    }

    public static void install(ChannelPipeline pipeline, Channel channel, ClientHello hello) {
        ClientConnection connection = ClientConnection.of(channel);
        String name = hello.sni() != null ? hello.sni() : connection.tunnel().host();
        connection.serverName(name);
        SslContext context = connection.runtime().tls().forClientsOf(name);
        ClientAlertTap alerts = new ClientAlertTap();
        pipeline.addBefore("errors", "alerts", alerts);
        pipeline.addBefore("errors", "tls", context.newHandler(channel.alloc()));
        pipeline.addBefore("errors", "handshake", new ClientHandshakeWatcher(hello, alerts));
        pipeline.addBefore("errors", "alpn", new ProtocolSelector());
    }

    /** Installs the client's HTTP version once the handshake has agreed it. */
    private static final class ProtocolSelector extends ApplicationProtocolNegotiationHandler {
        ProtocolSelector() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ClientHttp2Pipeline.install(ctx.pipeline());
            } else {
                ClientHttp1Pipeline.install(ctx.pipeline());
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();   // the handshake watcher has said why
        }
    }
}
