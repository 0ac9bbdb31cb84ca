package org.telltale.formats.pcap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one direction of a TCP connection back in order and hands it to a {@link StreamConsumer}.
 * Positions are kept as 64-bit offsets from the first sequence number seen, so the 32-bit sequence
 * space may wrap. Where segments overlap, the bytes that arrived first win (retransmissions never
 * rewrite what was already seen). Out-of-order bytes wait in a buffer capped at
 * {@link #MAX_BUFFERED_BYTES} and {@link #MAX_BUFFERED_SEGMENTS}; past that the hole is declared a
 * gap and the stream goes on. Bytes leave the buffer as soon as they are delivered. What waits is
 * also counted in a {@link HoleBudget} shared by every connection, which may make the stream give up
 * earlier ({@link #flush}).
 */
final class TcpStream {
    static final int MAX_BUFFERED_BYTES = 4 << 20;
    static final int MAX_BUFFERED_SEGMENTS = 4096;

    private final boolean fromClient;
    private final HoleBudget budget;
    private final TreeMap<Long, Piece> waiting = new TreeMap<>();
    private boolean started;
    private int nextSeq;
    private long delivered;
    private long buffered;
    private long finOffset = -1;
    private long bytes;
    private long gaps;

    /** Bytes that wait for the hole before them; {@code data} null stands for bytes the capture cut off. */
    private record Piece(long packet, Instant time, byte[] data, int length) {
    }

    TcpStream(boolean fromClient, HoleBudget budget) {
        this.fromClient = fromClient;
        this.budget = budget;
    }

    /** Whether the stream knows where it starts (a SYN or its first segment was seen). */
    boolean started() {
        return started;
    }

    /** Starts the stream so that {@code seq} is its first byte. */
    void start(int seq) {
        if (!started) {
            started = true;
            nextSeq = seq;
        }
    }

    /** Bytes handed over, gaps included. */
    long bytes() {
        return bytes;
    }

    /** Bytes declared lost. */
    long gapBytes() {
        return gaps;
    }

    /** The packet that carried the earliest byte still waiting in the buffer, or {@link Long#MAX_VALUE}. */
    long earliestWaitingPacket() {
        long min = Long.MAX_VALUE;
        for (Piece p : waiting.values()) {
            min = Math.min(min, p.packet());
        }
        return min;
    }

    /** Whether a FIN was seen and every byte before it has been handed over. */
    boolean finished() {
        return finOffset >= 0 && delivered >= finOffset && waiting.isEmpty();
    }

    /** Marks the FIN, which comes after {@code seq}'s segment of {@code length} bytes. */
    void fin(int seq, int length) {
        if (started) {
            finOffset = Math.max(finOffset, offset(seq) + length);
        }
    }

    /**
     * One segment's payload.
     *
     * @param missing bytes of this segment the snapshot length cut off after {@code len}
     */
    void segment(int seq, byte[] buf, int off, int len, int missing, long packet, Instant time,
                 StreamConsumer consumer) {
        start(seq);
        long start = offset(seq);
        int total = len + missing;
        if (start + total <= delivered) {
            return; // a retransmission of what was already handed over
        }
        if (start <= delivered && waiting.isEmpty()) {
            int skip = (int) (delivered - start);
            hand(packet, time, buf, off + Math.min(skip, len), Math.max(0, len - skip), missing - Math.max(0,
                    skip - len), consumer);
            return;
        }
        long before = buffered;
        insertFirstWins(start, packet, time, buf, off, len, missing);
        if (buffered > before) {
            budget.hold(this, consumer, buffered - before);
        }
        drain(consumer);
        if (buffered > MAX_BUFFERED_BYTES || waiting.size() > MAX_BUFFERED_SEGMENTS) {
            skipToWaiting(consumer);
        }
    }

    /** At the end of the connection: whatever still waits is handed over, holes declared as gaps. */
    void flush(StreamConsumer consumer) {
        while (!waiting.isEmpty()) {
            skipToWaiting(consumer);
        }
    }

    private long offset(int seq) {
        return delivered + (seq - nextSeq);
    }

    private void hand(long packet, Instant time, byte[] buf, int off, int len, int missing, StreamConsumer c) {
        if (len > 0) {
            c.data(fromClient, packet, time, buf, off, len);
            advance(len);
            bytes += len;
        }
        if (missing > 0) {
            c.gap(fromClient, packet, time, missing);
            advance(missing);
            bytes += missing;
            gaps += missing;
        }
    }

    private void advance(long n) {
        delivered += n;
        nextSeq += (int) n;
    }

    private void insertFirstWins(long start, long packet, Instant time, byte[] buf, int off, int len, int missing) {
        long end = start + len + missing;
        long cur = Math.max(start, delivered);
        Map.Entry<Long, Piece> before = waiting.floorEntry(cur);
        if (before != null) {
            cur = Math.max(cur, before.getKey() + before.getValue().length());
        }
        // a copy: the loop adds pieces to the map it walks
        for (Map.Entry<Long, Piece> e : new ArrayList<>(waiting.subMap(cur, true, end, false).entrySet())) {
            long s = e.getKey();
            if (s > cur) {
                put(cur, s, start, packet, time, buf, off, len);
            }
            cur = Math.max(cur, s + e.getValue().length());
            if (cur >= end) {
                return;
            }
        }
        if (cur < end) {
            put(cur, end, start, packet, time, buf, off, len);
        }
    }

    /** Keeps bytes [from, to) of a segment starting at {@code start}, splitting captured from cut-off bytes. */
    private void put(long from, long to, long start, long packet, Instant time, byte[] buf, int off, int len) {
        long capturedEnd = start + len;
        if (from < capturedEnd) {
            int n = (int) (Math.min(to, capturedEnd) - from);
            byte[] copy = new byte[n];
            System.arraycopy(buf, off + (int) (from - start), copy, 0, n);
            waiting.put(from, new Piece(packet, time, copy, n));
            buffered += n;
            from += n;
        }
        if (from < to) {
            waiting.put(from, new Piece(packet, time, null, (int) (to - from)));
        }
    }

    private void drain(StreamConsumer c) {
        long before = buffered;
        drainWaiting(c);
        if (before != buffered) {
            budget.release(this, before - buffered, buffered == 0);
        }
    }

    private void drainWaiting(StreamConsumer c) {
        while (!waiting.isEmpty() && waiting.firstKey() <= delivered) {
            Map.Entry<Long, Piece> e = waiting.pollFirstEntry();
            Piece p = e.getValue();
            if (p.data() != null) {
                buffered -= p.length();
            }
            int skip = (int) (delivered - e.getKey());
            if (skip >= p.length()) {
                continue;
            }
            if (p.data() == null) {
                hand(p.packet(), p.time(), null, 0, 0, p.length() - skip, c);
            } else {
                hand(p.packet(), p.time(), p.data(), skip, p.length() - skip, 0, c);
            }
        }
    }

    private void skipToWaiting(StreamConsumer c) {
        Map.Entry<Long, Piece> first = waiting.firstEntry();
        long hole = first.getKey() - delivered;
        if (hole > 0) {
            c.gap(fromClient, first.getValue().packet(), first.getValue().time(), hole);
            advance(hole);
            bytes += hole;
            gaps += hole;
        }
        drain(c);
    }
}
