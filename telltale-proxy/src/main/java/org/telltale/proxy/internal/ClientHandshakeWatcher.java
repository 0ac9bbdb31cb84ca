package org.telltale.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.telltale.api.Endpoint;
import org.telltale.api.OpaqueConnection;

/**
 * Reports an intercepted connection that Telltale could not read after all: the client refused the
 * minted certificate during the handshake (its alert named), left during it, or completed it and
 * closed without a request (what a client pinning its server's key does once it sees ours).
 */
public final class ClientHandshakeWatcher extends ChannelInboundHandlerAdapter {
    private final ClientHello hello;
    private final ClientAlertTap alerts;
    private boolean handshaken;
    private boolean reported;

    public ClientHandshakeWatcher(ClientHello hello, ClientAlertTap alerts) {
        this.hello = hello;
        this.alerts = alerts;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                handshaken = true;
            } else {
                report(ctx, TlsAlerts.reason(alerts.alert(), completion.cause()));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientConnection connection = ClientConnection.of(ctx.channel());
        if (handshaken && connection.requests() == 0) {
            report(ctx, "the client completed the TLS handshake and closed without a request: it may pin its "
                    + "certificates (public key pinning rejects Telltale's certificate after the handshake)");
        } else if (!handshaken) {
            report(ctx, "the client closed the connection during the TLS handshake");
        }
        ctx.fireChannelInactive();
    }

    private void report(ChannelHandlerContext ctx, String reason) {
        if (reported) {
            return;
        }
        reported = true;
        ClientConnection connection = ClientConnection.of(ctx.channel());
        Tunnel tunnel = connection.tunnel();
        Endpoint server = new Endpoint(connection.serverName(), null, tunnel.port());
        connection.runtime().observe(new OpaqueConnection(connection.acceptedAt(), connection.origin(), "tls",
                connection.client(), server, hello.sni(), hello.alpn(), null, reason));
    }
}
