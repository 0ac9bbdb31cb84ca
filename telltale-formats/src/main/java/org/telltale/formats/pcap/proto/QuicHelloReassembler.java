package org.telltale.formats.pcap.proto;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts together the TLS ClientHello that a QUIC client spreads over several Initial packets, in one
 * datagram or several (RFC 9000 section 17.2.2): large hellos, such as those with post-quantum key
 * shares, do not fit one. Keeps the CRYPTO stream of each client flow and destination connection
 * ID until the bytes from offset 0 hold a whole ClientHello, and gives it once.
 *
 * <p>Bounded: each stream keeps at most {@link #MAX_STREAM} bytes, at most {@link #MAX_PENDING}
 * hellos wait at once (the least recently fed goes first), and a hello still incomplete
 * {@link #MAX_AGE} after its first packet is dropped.
 *
 * @param <K> what names a client flow (its addresses and ports)
 */
public final class QuicHelloReassembler<K> {
    /** Real hellos, post-quantum key shares included, stay far below this. */
    static final int MAX_STREAM = 16 * 1024;
    static final int MAX_PENDING = 64;
    /** Clients resend lost Initials after about 1, 2 and 4 seconds (RFC 9002 probe timeouts). */
    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private static final HexFormat HEX = HexFormat.of();

    /** Waiting hellos in the order they were last fed, so the first is the one to evict. */
    private final LinkedHashMap<Key<K>, Pending> pending = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * A whole ClientHello and where its flow started.
     *
     * @param info        the SNI and ALPN it carries
     * @param firstPacket the packet number of the flow's first Initial that carried part of it
     * @param firstTime   that packet's capture time, or null
     */
    public record Hello(ClientHelloInfo info, long firstPacket, Instant firstTime) {
    }

    /** One hello under way: a flow and the destination connection ID whose keys open it. */
    private record Key<K>(K flow, String dcid) {
    }

    /** The CRYPTO stream of one hello under way, with the keys that open its packets. */
    private static final class Pending {
        final int version;
        final QuicInitialKeys keys;
        final long firstPacket;
        final Instant firstTime;
        final CryptoStream stream = new CryptoStream(MAX_STREAM);

        Pending(int version, QuicInitialKeys keys, long firstPacket, Instant firstTime) {
            this.version = version;
            this.keys = keys;
            this.firstPacket = firstPacket;
            this.firstTime = firstTime;
        }
    }

    /**
     * Feeds one UDP payload the client sent on this flow. Returns the hello when these packets
     * complete it, else null (not a QUIC v1 or v2 client Initial, or the hello still has gaps).
     *
     * @param packet the packet number, kept as the flow's start
     * @param time   the capture time, or null
     */
    public Hello offer(K flow, long packet, Instant time, byte[] buf, int off, int len) {
        // most datagrams of a connection carry short-header packets: they leave at once
        if (buf == null || off < 0 || len <= 0 || off > buf.length - len || (buf[off] & 0x80) == 0) {
            return null;
        }
        evictIdle(time);
        Map.Entry<Key<K>, Pending> fallback = latest(flow);
        List<QuicInitial.Opened> packets = fallback == null ? QuicInitial.open(buf, off, len, 0, null)
                : QuicInitial.open(buf, off, len, fallback.getValue().version, fallback.getValue().keys);
        Hello done = null;
        for (QuicInitial.Opened opened : packets) {
            if (done != null || opened.crypto().isEmpty()) {
                continue;
            }
            Key<K> key = opened.byFallback() ? fallback.getKey() : new Key<>(flow, HEX.formatHex(opened.dcid()));
            Pending p = pending.get(key);
            if (p == null) {
                QuicInitialKeys keys = opened.byFallback() ? fallback.getValue().keys
                        : QuicInitialKeys.forClient(opened.version(), opened.dcid());
                p = new Pending(opened.version(), keys, packet, time);
                pending.put(key, p);
            }
            for (QuicInitial.CryptoFrame f : opened.crypto()) {
                p.stream.add(f.offset(), f.data(), 0, f.data().length);
            }
            ClientHelloInfo info = p.stream.clientHello();
            if (info != null) {
                done = new Hello(info, p.firstPacket, p.firstTime);
                forget(flow);
            } else if (p.stream.hopeless()) {
                pending.remove(key);
            }
        }
        Iterator<Pending> eldest = pending.values().iterator();
        while (pending.size() > MAX_PENDING) {
            eldest.next();
            eldest.remove();
        }
        return done;
    }

    /** The first packet of any hello still under way, or Long.MAX_VALUE when none is. */
    public long horizon() {
        long min = Long.MAX_VALUE;
        for (Pending p : pending.values()) {
            min = Math.min(min, p.firstPacket);
        }
        return min;
    }

    /** Drops the hellos whose first packet is older than {@link #MAX_AGE} at this capture time. */
    public void evictIdle(Instant now) {
        if (now == null) {
            return;
        }
        Instant limit = now.minus(MAX_AGE);
        pending.values().removeIf(p -> p.firstTime != null && p.firstTime.isBefore(limit));
    }

    /** How many hellos are under way. */
    int pending() {
        return pending.size();
    }

    /** The hello of this flow fed most recently, or null. */
    private Map.Entry<Key<K>, Pending> latest(K flow) {
        Map.Entry<Key<K>, Pending> found = null;
        for (Map.Entry<Key<K>, Pending> e : pending.entrySet()) {
            if (e.getKey().flow().equals(flow)) {
                found = e;
            }
        }
        return found;
    }

    private void forget(K flow) {
        pending.keySet().removeIf(k -> k.flow().equals(flow));
    }
}
