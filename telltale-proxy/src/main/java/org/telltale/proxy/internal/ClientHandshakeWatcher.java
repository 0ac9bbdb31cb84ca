package org.telltale.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.telltale.api.Endpoint;
import org.telltale.api.OpaqueConnection;

/**
 * Reports an intercepted connection that Telltale could not read after all: the client refused the
 * minted certificate during the handshake (its alert named), left during it, or completed it and
 * closed at once without a request (what a client pinning its server's key does once it sees ours).
 * A connection a browser opens ahead and leaves unused until it closes it seconds later carried
 * nothing, so it is not reported.
 */
public final class ClientHandshakeWatcher extends ChannelInboundHandlerAdapter {
    /**
     * How soon after the handshake a close without a request counts as a refusal: pinning clients
     * close within milliseconds, while browsers keep a spare connection for ten seconds or more.
     */
    static final long REFUSAL_WINDOW_NANOS = 2_000_000_000L;

    private final ClientHello hello;
    private final ClientAlertTap alerts;
    private boolean handshaken;
    private long handshakenAt;
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
                handshakenAt = System.nanoTime();
            } else {
                report(ctx, TlsAlerts.reason(alerts.alert(), completion.cause()));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientConnection connection = ClientConnection.of(ctx.channel());
        if (handshaken && connection.requests() == 0 && System.nanoTime() - handshakenAt < REFUSAL_WINDOW_NANOS) {
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
