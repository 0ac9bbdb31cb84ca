package org.telltale.proxy.internal;

import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.telltale.api.Endpoint;

/**
 * The upstream connections of one client connection, on the client's event loop so that the two
 * sides never need a lock. An HTTP/2 upstream carries all requests for its server as streams; an
 * HTTP/1.1 upstream one request at a time, kept for the next one when both sides keep it alive.
 * Requests arriving while a connection is being made wait for it, so that a burst of HTTP/2
 * streams shares one TLS handshake (and one failure).
 */
public final class UpstreamConnections {
    private final ClientConnection client;
    private final Channel clientChannel;
    private final Map<Target, Channel> http2 = new HashMap<>();
    private final Map<Target, ArrayDeque<Channel>> idleHttp1 = new HashMap<>();
    private final Map<Target, Future<UpstreamLink>> connecting = new HashMap<>();
    private int open;
    private boolean closed;

    UpstreamConnections(ClientConnection client, Channel clientChannel) {
        this.client = client;
        this.clientChannel = clientChannel;
    }

    /** A channel for one request to the target; fails with the cause when the server cannot be reached or trusted. */
    public Future<UpstreamLink> acquire(Target target) {
        Promise<UpstreamLink> promise = loop().newPromise();
        acquire(target, promise);
        return promise;
    }

    private void acquire(Target target, Promise<UpstreamLink> promise) {
        if (closed) {
            promise.tryFailure(new IllegalStateException("the client connection is closed"));
            return;
        }
        Channel parent = http2.get(target);
        if (parent != null && parent.isActive()) {
            openStream(target, parent, promise);
            return;
        }
        ArrayDeque<Channel> idle = idleHttp1.get(target);
        while (idle != null && !idle.isEmpty()) {
            Channel channel = idle.pollFirst();
            if (channel.isActive()) {
                promise.trySuccess(new UpstreamLink(channel, channel, target, false));
                return;
            }
        }
        Future<UpstreamLink> pending = connecting.get(target);
        if (pending != null) {
            pending.addListener(f -> {
                if (f.isSuccess()) {
                    acquire(target, promise);
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            return;
        }
        if (open >= ProxyRuntime.MAX_UPSTREAMS_PER_CLIENT) {
            promise.tryFailure(new IllegalStateException("more than " + ProxyRuntime.MAX_UPSTREAMS_PER_CLIENT
                    + " upstream connections for one client connection"));
            return;
        }
        Promise<UpstreamLink> connected = loop().newPromise();
        connecting.put(target, connected);
        connect(target, connected);
        connected.addListener(f -> {
            connecting.remove(target);
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            UpstreamLink link = connected.getNow();
            if (link.http2()) {
                http2.put(target, link.connection());
                openStream(target, link.connection(), promise);
            } else {
                promise.trySuccess(link);
            }
        });
    }

    /** Gives an HTTP/1.1 upstream back after its response, to serve the next request; closes it otherwise. */
    public void release(UpstreamLink link, boolean reusable) {
        if (link.http2()) {
            return;   // the stream channel closes itself when both sides have ended it
        }
        Channel channel = link.channel();
        channel.config().setAutoRead(true);
        if (reusable && !closed && channel.isActive()) {
            idleHttp1.computeIfAbsent(link.target(), t -> new ArrayDeque<>()).addLast(channel);
        } else {
            channel.close();
        }
    }

    /** Closes every upstream connection: the client has gone. */
    public void closeAll() {
        closed = true;
        http2.values().forEach(Channel::close);
        idleHttp1.values().forEach(q -> q.forEach(Channel::close));
        http2.clear();
        idleHttp1.clear();
    }

    private void connect(Target target, Promise<UpstreamLink> connected) {
        open++;
        ProxyRuntime runtime = client.runtime();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, ProxyRuntime.CONNECT_TIMEOUT_MILLIS)
                .handler(new UpstreamInitializer(runtime, target, connected));
        ChannelFuture connect = bootstrap.connect(target.connectHost(), target.port());
        Channel channel = connect.channel();
        runtime.channels().add(channel);
        channel.closeFuture().addListener(f -> {
            open--;
            // A refused connection closes the channel too: say why it failed, not only that it closed.
            connected.tryFailure(connect.isDone() && connect.cause() != null ? connect.cause()
                    : new ClosedChannelException());
        });
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connected.tryFailure(f.cause());
            }
        });
    }

    private void openStream(Target target, Channel parent, Promise<UpstreamLink> promise) {
        new Http2StreamChannelBootstrap(parent)
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false));
                    }
                })
                .open()
                .addListener(f -> {
                    if (f.isSuccess()) {
                        promise.trySuccess(new UpstreamLink((Channel) f.getNow(), parent, target, true));
                    } else {
                        promise.tryFailure(f.cause());
                    }
                });
    }

    /** The server as connected: the name asked for, the IP and port reached. */
    public static Endpoint serverOf(UpstreamLink link, String host) {
        InetSocketAddress remote = (InetSocketAddress) link.connection().remoteAddress();
        return remote == null ? new Endpoint(host, null, link.target().port())
                : new Endpoint(host, remote.getAddress().getHostAddress(), remote.getPort());
    }

    private EventLoop loop() {
        return clientChannel.eventLoop();
    }
}
