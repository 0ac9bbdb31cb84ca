package org.telltale.proxy.internal;

import java.net.InetAddress;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.group.ChannelGroup;
import org.telltale.api.CaptureSink;
import org.telltale.api.Observation;
import org.telltale.proxy.ProxySettings;

/**
 * What every connection of one proxy shares: its settings, TLS contexts, where observations go,
 * the numbering of connections and the set of open channels that {@code close()} closes.
 */
public final class ProxyRuntime {
    /** Client connections served at once; more are refused so a flood cannot exhaust memory or descriptors. */
    public static final int MAX_CLIENT_CONNECTIONS = 1024;
    /** HTTP/1.1 request line and header block limits (Netty's decoder refuses longer ones with a 4xx). */
    public static final int MAX_INITIAL_LINE = 16 * 1024;
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** The largest chunk one HTTP decoder hands on; bodies stream through in pieces of at most this. */
    public static final int MAX_CHUNK = 64 * 1024;
    /** HTTP/2 streams one client connection may have open at once. */
    public static final int MAX_CONCURRENT_STREAMS = 128;
    /** Upstream connections one client connection may hold (HTTP/1.1 upstreams serve one request at a time). */
    public static final int MAX_UPSTREAMS_PER_CLIENT = 16;
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private static final System.Logger LOG = System.getLogger(ProxyRuntime.class.getName());

    private final ProxySettings settings;
    private final CaptureSink sink;
    private final TlsContexts tls;
    private final PassthroughHosts passthrough;
    private final ChannelGroup channels;
    private final AtomicLong connectionNumbers = new AtomicLong();
    private final AtomicInteger openConnections = new AtomicInteger();
    /** Client addresses already said to be refused, so a host that keeps trying does not fill the case. */
    private final Set<InetAddress> refused = ConcurrentHashMap.newKeySet();
    /** The most refused addresses named one by one; beyond, refusals are not said again. */
    static final int REFUSED_NAMED = 256;

    private final byte[] caPem;
    private final byte[] caDer;

    public ProxyRuntime(ProxySettings settings, CaptureSink sink, TlsContexts tls, ChannelGroup channels,
                        byte[] caPem, byte[] caDer) {
        this.caPem = caPem;
        this.caDer = caDer;
        this.settings = settings;
        this.sink = sink;
        this.tls = tls;
        this.passthrough = new PassthroughHosts(settings.passthrough());
        this.channels = channels;
    }

    /** The CA certificate, PEM and DER, for the setup page. */
    public byte[] caPem() {
        return caPem;
    }

    public byte[] caDer() {
        return caDer;
    }

    public ProxySettings settings() {
        return settings;
    }

    public TlsContexts tls() {
        return tls;
    }

    public PassthroughHosts passthrough() {
        return passthrough;
    }

    /** Every open channel, client and upstream, so that closing the proxy closes them all. */
    public ChannelGroup channels() {
        return channels;
    }

    public long nextConnectionNumber() {
        return connectionNumbers.incrementAndGet();
    }

    /** Counts a client connection in; false when there are already as many as allowed. */
    public boolean admitConnection() {
        if (openConnections.incrementAndGet() > MAX_CLIENT_CONNECTIONS) {
            openConnections.decrementAndGet();
            return false;
        }
        return true;
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /** Hands an observation to the sink; a failing sink must not take an event loop down with it. */
    public void observe(Observation observation) {
        try {
            sink.observe(observation);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the capture sink failed on " + observation.origin(), e);
        }
    }

    /** Whether a refusal of this client address is the first to be said (each address once, a bounded number of them). */
    public boolean firstRefusal(InetAddress client) {
        return refused.size() < REFUSED_NAMED && refused.add(client);
    }

    public void diagnostic(String origin, String message) {
        try {
            sink.diagnostic(origin, message);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the capture sink failed on a diagnostic of " + origin, e);
        }
    }
}
