package org.telltale.formats.pcap;

import java.util.List;
import java.util.PriorityQueue;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;
import org.telltale.api.Message;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;

/**
 * Holds back finished observations until no open connection could still produce one that started
 * earlier, so flows come out numbered in the order their requests started.
 *
 * <p>Bounded in bytes and in count: one request that is never answered (a long poll) would
 * otherwise keep every later flow of the capture waiting. Past either bound the earliest waiting
 * observations go out anyway, out of order: the unanswered request is still reported whole (with
 * its response, should it come) when its connection ends, only numbered after flows that started
 * later. Releasing, rather than cutting the unanswered exchange short, keeps this class ignorant
 * of HTTP and loses no data; the cost is the numbering, which a rate-limited diagnostic owns up to.
 */
final class FlowOrder {
    static final int MAX_HELD = 4096;
    /** What an observation costs beyond its bodies and strings: records, lists, the queue entry. */
    private static final int OVERHEAD = 256;

    private final PriorityQueue<Held> held = new PriorityQueue<>();
    private final CaptureSink sink;
    private final long maxBytes;
    private final BoundNotice forced;
    private long arrivals;
    private long bytes;
    private long peakBytes;

    /** One observation waiting, with the packet where it started and its arrival rank for ties. */
    private record Held(long startPacket, long arrival, Observation observation, long size)
            implements Comparable<Held> {
        @Override
        public int compareTo(Held o) {
            int c = Long.compare(startPacket, o.startPacket);
            return c != 0 ? c : Long.compare(arrival, o.arrival);
        }
    }

    FlowOrder(CaptureSink sink, long maxBytes) {
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.forced = new BoundNotice(sink, "more than " + Sizes.text(maxBytes) + " or " + MAX_HELD
                + " finished flows waited for an earlier request still under way");
    }

    void hold(long startPacket, Observation observation) {
        Held h = new Held(startPacket, arrivals++, observation, sizeOf(observation));
        held.add(h);
        bytes += h.size();
        while (held.size() > MAX_HELD || bytes > maxBytes) {
            Held out = poll();
            forced.hit(out.startPacket(), "the flow of packet " + out.startPacket()
                    + " went out without waiting, so flows may be numbered out of request order");
            sink.observe(out.observation());
        }
        peakBytes = Math.max(peakBytes, bytes);
    }

    /** Whether anything waits. */
    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Bytes waiting now, estimated. */
    long bytes() {
        return bytes;
    }

    /** The most bytes that waited at once, after each bound was applied. */
    long peakBytes() {
        return peakBytes;
    }

    /** Emits every observation that started before {@code horizon}, the earliest request still under way. */
    void releaseBefore(long horizon) {
        while (!held.isEmpty() && held.peek().startPacket() < horizon) {
            sink.observe(poll().observation());
        }
    }

    /** Emits everything, then says how often the bound forced a flow out. */
    void releaseAll() {
        releaseBefore(Long.MAX_VALUE);
        forced.finish();
    }

    private Held poll() {
        Held h = held.poll();
        bytes -= h.size();
        return h;
    }

    /** Roughly what an observation holds in memory: bodies, messages and text (two bytes a char). */
    static long sizeOf(Observation o) {
        if (o instanceof OpaqueConnection c) {
            return OVERHEAD + (c.payload() == null ? 0 : c.payload().length);
        }
        if (!(o instanceof Exchange e)) {
            return OVERHEAD;
        }
        HttpRequest q = e.request();
        long n = OVERHEAD + q.body().length + 2L * q.url().length() + sizeOf(q.headers());
        HttpResponse r = e.response();
        if (r != null) {
            n += r.body().length + sizeOf(r.headers());
        }
        for (Message m : e.messages()) {
            n += m.data().length + 32;
        }
        return n;
    }

    private static long sizeOf(List<Header> headers) {
        long n = 0;
        for (Header h : headers) {
            n += 2L * (h.name().length() + h.value().length()) + 32;
        }
        return n;
    }
}
