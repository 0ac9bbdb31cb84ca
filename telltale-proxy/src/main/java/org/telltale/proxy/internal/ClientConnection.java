package org.telltale.proxy.internal;

import java.net.InetSocketAddress;
import java.time.Instant;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.telltale.api.Endpoint;

/**
 * One accepted client connection: its number, the device's address, the tunnel it asked for and
 * the upstream connections serving it. Kept on the client's socket channel; HTTP/2 stream channels
 * find it on their parent. Confined to the connection's event loop.
 */
public final class ClientConnection {
    private static final AttributeKey<ClientConnection> KEY = AttributeKey.valueOf(ClientConnection.class, "connection");

    private final long number;
    private final Endpoint client;
    private final Instant acceptedAt;
    private final ProxyRuntime runtime;
    private final UpstreamConnections upstreams;
    private Tunnel tunnel;
    private String serverName;
    private int requests;

    private ClientConnection(long number, Endpoint client, ProxyRuntime runtime, Channel channel) {
        this.number = number;
        this.client = client;
        this.acceptedAt = Instant.now();
        this.runtime = runtime;
        this.upstreams = new UpstreamConnections(this, channel);
    }

    /** Numbers a new client connection and attaches it to its channel. */
    public static ClientConnection attach(Channel channel, ProxyRuntime runtime) {
        Endpoint client = channel.remoteAddress() instanceof InetSocketAddress remote
                ? new Endpoint(null, remote.getAddress().getHostAddress(), remote.getPort()) : Endpoint.UNKNOWN;
        ClientConnection connection = new ClientConnection(runtime.nextConnectionNumber(), client, runtime, channel);
        channel.attr(KEY).set(connection);
        return connection;
    }

    /** The connection a channel belongs to: its own, or its parent's for an HTTP/2 stream. */
    public static ClientConnection of(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            ClientConnection connection = c.attr(KEY).get();
            if (connection != null) {
                return connection;
            }
        }
        throw new IllegalStateException("no client connection on " + channel);
    }

    public long number() {
        return number;
    }

    public Endpoint client() {
        return client;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public ProxyRuntime runtime() {
        return runtime;
    }

    public UpstreamConnections upstreams() {
        return upstreams;
    }

    /** "connection 7", the origin of everything this connection reports. */
    public String origin() {
        return "connection " + number;
    }

    /** Numbers the next request read on this connection, from 1. */
    public int nextRequest() {
        return ++requests;
    }

    /** The requests read so far. */
    public int requests() {
        return requests;
    }

    /** The tunnel (CONNECT or SOCKS) the client opened; null for plain proxy requests. */
    public Tunnel tunnel() {
        return tunnel;
    }

    public void tunnel(Tunnel tunnel) {
        this.tunnel = tunnel;
    }

    /** The name the client's TLS asked for (SNI, else the tunnel's host); null before TLS or without it. */
    public String serverName() {
        return serverName;
    }

    public void serverName(String serverName) {
        this.serverName = serverName;
    }
}
