package org.telltale.proxy.internal;

import java.net.InetSocketAddress;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ipfilter.AbstractRemoteAddressFilter;

/**
 * Closes a connection from a client outside --allow, saying so once per address: the proxy is not an
 * open proxy, and a host that keeps trying does not fill the case.
 */
public final class ClientAllowFilter extends AbstractRemoteAddressFilter<InetSocketAddress> {
    private final AllowList allow;

    public ClientAllowFilter(AllowList allow) {
        this.allow = allow;
    }

    @Override
    protected boolean accept(ChannelHandlerContext ctx, InetSocketAddress remote) {
        return allow.allows(remote);
    }

    @Override
    protected ChannelFuture channelRejected(ChannelHandlerContext ctx, InetSocketAddress remote) {
        ClientConnection connection = ClientConnection.of(ctx.channel());
        if (connection.runtime().firstRefusal(remote.getAddress())) {
            connection.runtime().diagnostic(connection.origin(), "client "
                    + ClientConnectionInitializer.describe(connection) + ": refused, not in --allow (said once per address)");
        }
        return null;   // closed at once
    }
}
