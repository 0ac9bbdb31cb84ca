package org.telltale.proxy.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * The pipeline of an accepted client connection: the --allow filter, then the first-byte sniffer
 * that tells SOCKS5 from HTTP; "errors" stays last whatever is installed in between.
 */
public final class ClientConnectionInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyRuntime runtime;
    private final AllowList allow;

    public ClientConnectionInitializer(ProxyRuntime runtime, AllowList allow) {
        this.runtime = runtime;
        this.allow = allow;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ClientConnection connection = ClientConnection.attach(channel, runtime);
        runtime.channels().add(channel);
        if (!runtime.admitConnection()) {
            runtime.diagnostic(connection.origin(), "client " + describe(connection) + ": refused, already "
                    + ProxyRuntime.MAX_CLIENT_CONNECTIONS + " connections open");
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> {
            runtime.connectionClosed();
            connection.upstreams().closeAll();
        });
        channel.pipeline().addLast("allow", new ClientAllowFilter(allow));
        channel.pipeline().addLast("sniffer", new ProtocolSniffer());
        channel.pipeline().addLast("errors", new ConnectionErrors());
    }

    static String describe(ClientConnection connection) {
        String ip = connection.client().ip();
        return (ip != null && ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + connection.client().port();
    }
}
