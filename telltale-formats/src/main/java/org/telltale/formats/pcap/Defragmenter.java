package org.telltale.formats.pcap;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts IPv4 and IPv6 fragments back together. Bounded: at most {@link #MAX_DATAGRAMS} datagrams and
 * {@link #MAX_BYTES} bytes wait at once (the oldest is dropped first), and a datagram whose
 * fragments have not all come within {@link #TIMEOUT} of capture time is dropped. Where fragments
 * overlap, the bytes that arrived first win.
 */
final class Defragmenter {
    static final int MAX_DATAGRAMS = 1024;
    static final long MAX_BYTES = 16L << 20;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DATAGRAM = 65535;

    private final Map<ByteBuffer, Pending> pending = new LinkedHashMap<>();
    private long bytes;
    private long dropped;

    /** The fragments of one datagram seen so far. */
    private static final class Pending {
        final TreeMap<Integer, byte[]> pieces = new TreeMap<>();
        final Instant first;
        int total = -1;
        long size;

        Pending(Instant first) {
            this.first = first;
        }
    }

    /** How many datagrams were given up (limits, timeouts, impossible offsets). */
    long dropped() {
        return dropped;
    }

    /**
     * Adds one fragment; returns the whole transport payload when this fragment completes it, else null.
     *
     * @param key    identifies the datagram (addresses, identification, protocol)
     * @param offset the fragment's offset in bytes
     * @param more   whether more fragments follow this one
     */
    byte[] add(ByteBuffer key, int offset, boolean more, byte[] buf, int off, int len, Instant time) {
        expire(time);
        if (offset + len > MAX_DATAGRAM || (more && len % 8 != 0) || len == 0 && more) {
            drop(key);
            return null;
        }
        Pending p = pending.get(key);
        if (p == null) {
            while (pending.size() >= MAX_DATAGRAMS || bytes + len > MAX_BYTES && !pending.isEmpty()) {
                dropEldest();
            }
            p = new Pending(time);
            pending.put(key, p);
        }
        if (!more) {
            if (p.total >= 0 && p.total != offset + len) {
                drop(key);
                return null;
            }
            p.total = offset + len;
        }
        insertFirstWins(p, offset, buf, off, len);
        byte[] whole = complete(p);
        if (whole != null) {
            pending.remove(key);
            bytes -= p.size;
        }
        return whole;
    }

    private void insertFirstWins(Pending p, int start, byte[] buf, int off, int len) {
        int end = start + len;
        int cur = start;
        Map.Entry<Integer, byte[]> before = p.pieces.floorEntry(start);
        if (before != null) {
            cur = Math.max(cur, before.getKey() + before.getValue().length);
        }
        // a copy: the loop adds pieces to the map it walks
        for (Map.Entry<Integer, byte[]> e : new ArrayList<>(p.pieces.subMap(start, true, end, false).entrySet())) {
            int s = e.getKey();
            if (s > cur) {
                put(p, cur, buf, off + (cur - start), s - cur);
            }
            cur = Math.max(cur, s + e.getValue().length);
            if (cur >= end) {
                break;
            }
        }
        if (cur < end) {
            put(p, cur, buf, off + (cur - start), end - cur);
        }
    }

    private void put(Pending p, int at, byte[] buf, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        p.pieces.put(at, copy);
        p.size += len;
        bytes += len;
    }

    private static byte[] complete(Pending p) {
        if (p.total < 0) {
            return null;
        }
        int cur = 0;
        for (Map.Entry<Integer, byte[]> e : p.pieces.entrySet()) {
            if (e.getKey() > cur) {
                return null;
            }
            cur = Math.max(cur, e.getKey() + e.getValue().length);
        }
        if (cur < p.total) {
            return null;
        }
        byte[] whole = new byte[p.total];
        for (Map.Entry<Integer, byte[]> e : p.pieces.entrySet()) {
            int n = Math.min(e.getValue().length, p.total - e.getKey());
            if (n > 0) {
                System.arraycopy(e.getValue(), 0, whole, e.getKey(), n);
            }
        }
        return whole;
    }

    private void expire(Instant now) {
        if (now == null) {
            return;
        }
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.first == null || p.first.plus(TIMEOUT).isAfter(now)) {
                return;
            }
            it.remove();
            bytes -= p.size;
            dropped++;
        }
    }

    private void dropEldest() {
        Iterator<Pending> it = pending.values().iterator();
        Pending p = it.next();
        it.remove();
        bytes -= p.size;
        dropped++;
    }

    private void drop(ByteBuffer key) {
        Pending p = pending.remove(key);
        if (p != null) {
            bytes -= p.size;
        }
        dropped++;
    }
}
