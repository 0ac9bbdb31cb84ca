package org.telltale.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.telltale.api.CaptureSink;
import org.telltale.proxy.internal.AllowList;
import org.telltale.proxy.internal.ClientConnectionInitializer;
import org.telltale.proxy.internal.LeafCertificates;
import org.telltale.proxy.internal.ProxyRuntime;
import org.telltale.proxy.internal.TlsContexts;
import org.telltale.proxy.internal.TlsKeyLogFile;

/**
 * The intercepting proxy: HTTP forward proxy and SOCKS5 on one port, TLS interception inside their
 * tunnels. Every exchange, opaque connection and diagnostic goes to the sink, called from the
 * proxy's event-loop threads (several at once, one per connection at a time).
 */
public final class ProxyServer implements AutoCloseable {
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final ChannelGroup channels;
    private final TlsKeyLogFile keyLog;

    private ProxyServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel listener, ChannelGroup channels,
                        TlsKeyLogFile keyLog) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.listener = listener;
        this.channels = channels;
        this.keyLog = keyLog;
    }

    /**
     * Starts listening; every observation and diagnostic goes to sink, called from event-loop threads
     * (the sink must be thread-safe and must not block for long).
     */
    public static ProxyServer start(ProxySettings settings, CertificateAuthority ca, CaptureSink sink)
            throws IOException {
        AllowList allow = AllowList.parse(settings.allow());
        TlsKeyLogFile keyLog = settings.tlsKeyLog() == null ? null : TlsKeyLogFile.open(settings.tlsKeyLog());
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("telltale-proxy", GlobalEventExecutor.INSTANCE);
        try {
            TlsContexts tls = new TlsContexts(new LeafCertificates(ca.certificate(), ca.privateKey()),
                    settings.insecureUpstream(), settings.upstreamTrust(), keyLog);
            ProxyRuntime runtime = new ProxyRuntime(settings, sink, tls, channels, ca.pem(), ca.der());
            Channel listener = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ClientConnectionInitializer(runtime, allow))
                    .bind(settings.listenHost(), settings.port())
                    .sync().channel();
            return new ProxyServer(acceptor, workers, listener, channels, keyLog);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAfterFailedStart(acceptor, workers, keyLog);
            throw new IOException("interrupted while starting the proxy", e);
        } catch (IOException | RuntimeException e) {
            closeAfterFailedStart(acceptor, workers, keyLog);
            throw e;
        } catch (Exception e) {
            // bind() reports a port in use as a checked exception that sync() does not declare.
            closeAfterFailedStart(acceptor, workers, keyLog);
            throw new IOException("cannot listen on " + settings.listenHost() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeAfterFailedStart(EventLoopGroup acceptor, EventLoopGroup workers, TlsKeyLogFile keyLog)
            throws IOException {
        shutDown(acceptor, workers);
        if (keyLog != null) {
            keyLog.close();
        }
    }

    /** Where the proxy listens (with the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Stops accepting, emits open WebSocket, SSE and in-flight exchanges as incomplete, closes everything. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        // Closing fires each connection's "inactive" on its event loop, where drafts are emitted;
        // a graceful shutdown runs those tasks before the loops end.
        shutDown(acceptor, workers);
        if (keyLog != null) {
            try {
                keyLog.close();
            } catch (IOException e) {
                System.getLogger(ProxyServer.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the TLS key log failed", e);
            }
        }
    }

    private static void shutDown(EventLoopGroup acceptor, EventLoopGroup workers) {
        acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
