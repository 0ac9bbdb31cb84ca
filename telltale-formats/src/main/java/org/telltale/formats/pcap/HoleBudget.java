package org.telltale.formats.pcap;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.telltale.api.CaptureSink;

/**
 * Counts the bytes every connection holds behind a TCP hole, so the total stays bounded: each
 * direction's own cap ({@link TcpStream#MAX_BUFFERED_BYTES}) times the open connections would
 * otherwise reach hundreds of GB. Past the bound the direction that started holding earliest gives
 * up, as it would at its own cap: its holes are declared lost bytes (its exchange is then marked
 * incomplete) and what waited is handed on. The oldest, because a hole that has stayed open longest
 * is the least likely to be filled by a late retransmission.
 */
final class HoleBudget {
    private final long max;
    private final BoundNotice gaveUp;
    /** The directions holding bytes, oldest first, each with the consumer of its connection. */
    private final Map<TcpStream, StreamConsumer> holding = new LinkedHashMap<>();
    private long held;
    private long peak;

    HoleBudget(long max, CaptureSink sink) {
        this.max = max;
        this.gaveUp = new BoundNotice(sink, "more than " + Sizes.text(max)
                + " waited behind TCP holes over all connections");
    }

    /** A direction now holds {@code n} more bytes. */
    void hold(TcpStream stream, StreamConsumer consumer, long n) {
        holding.putIfAbsent(stream, consumer);
        held += n;
    }

    /** A direction let go of {@code n} bytes; {@code empty} when it holds none any more. */
    void release(TcpStream stream, long n, boolean empty) {
        held -= n;
        if (empty) {
            holding.remove(stream);
        }
    }

    /** Makes the oldest holders give up until the total is within the bound; true when one did. */
    boolean enforce() {
        boolean acted = false;
        while (held > max && !holding.isEmpty()) {
            Iterator<Map.Entry<TcpStream, StreamConsumer>> it = holding.entrySet().iterator();
            Map.Entry<TcpStream, StreamConsumer> oldest = it.next();
            TcpStream stream = oldest.getKey();
            long packet = stream.earliestWaitingPacket();
            long before = held;
            stream.flush(oldest.getValue());
            holding.remove(stream);
            gaveUp.hit(packet, "a connection stopped waiting for the bytes missing before packet " + packet
                    + "; they count as lost (" + (before - held) + " bytes handed on) and its exchange is incomplete");
            acted = true;
        }
        peak = Math.max(peak, held);
        return acted;
    }

    /** Bytes held now. */
    long held() {
        return held;
    }

    /** The most bytes held at once, after the bound was applied. */
    long peak() {
        return peak;
    }

    /** At the end of the capture: says how often the bound acted, if more than was reported. */
    void finish() {
        gaveUp.finish();
    }
}
