package org.telltale.formats.pcap;

import java.util.PriorityQueue;

import org.telltale.api.CaptureSink;
import org.telltale.api.Observation;

/**
 * Holds back finished observations until no open connection could still produce one that started
 * earlier, so flows come out numbered in the order their requests started. Bounded: past
 * {@link #MAX_HELD} items the earliest goes out anyway.
 */
final class FlowOrder {
    static final int MAX_HELD = 4096;

    private final PriorityQueue<Held> held = new PriorityQueue<>();
    private final CaptureSink sink;
    private long arrivals;

    /** One observation waiting, with the packet where it started and its arrival rank for ties. */
    private record Held(long startPacket, long arrival, Observation observation) implements Comparable<Held> {
        @Override
        public int compareTo(Held o) {
            int c = Long.compare(startPacket, o.startPacket);
            return c != 0 ? c : Long.compare(arrival, o.arrival);
        }
    }

    FlowOrder(CaptureSink sink) {
        this.sink = sink;
    }

    void hold(long startPacket, Observation observation) {
        held.add(new Held(startPacket, arrivals++, observation));
        while (held.size() > MAX_HELD) {
            sink.observe(held.poll().observation());
        }
    }

    /** Whether anything waits. */
    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Emits every observation that started before {@code horizon}. */
    void releaseBefore(long horizon) {
        while (!held.isEmpty() && held.peek().startPacket() < horizon) {
            sink.observe(held.poll().observation());
        }
    }

    void releaseAll() {
        releaseBefore(Long.MAX_VALUE);
    }
}
