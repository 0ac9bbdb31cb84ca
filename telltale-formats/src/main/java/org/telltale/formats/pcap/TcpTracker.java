package org.telltale.formats.pcap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.CaptureSink;

/**
 * Follows every TCP connection in a capture: finds the client (from the SYN, or for a connection
 * caught mid-way from its first bytes and its ports), feeds each direction's stream, and ends a
 * connection on FIN from both sides, RST, idleness or the end of the capture. Bounded: at most
 * {@link #MAX_OPEN} connections are open at once (the least recently active is ended first).
 */
final class TcpTracker {
    static final int MAX_OPEN = 50_000;
    static final Duration IDLE = Duration.ofMinutes(10);
    private static final int MAX_CLOSED = 16_384;
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    private final Map<FlowKey, TcpConnection> open = new LinkedHashMap<>(1024, 0.75f, true);
    /** Connections that ended, so their last ACKs and retransmissions do not open new ones. */
    private final Map<FlowKey, Boolean> closed = new LinkedHashMap<>();
    private final ApplicationLayer layer;
    private final FlowOrder order;
    private final CaptureSink sink;
    private final HoleBudget holes;
    private final List<TcpConnection> finished = new ArrayList<>();
    private boolean changed;
    private long connections;
    /**
     * The connection of the previous segment, found again without a map lookup: consecutive
     * segments mostly belong to one connection, and it is already the most recent in the map's
     * access order, so skipping the lookup keeps that order as it would be. Null after any other
     * change to the map.
     */
    private TcpConnection last;

    TcpTracker(ApplicationLayer layer, FlowOrder order, CaptureSink sink, HoleBudget holes) {
        this.layer = layer;
        this.order = order;
        this.sink = sink;
        this.holes = holes;
    }

    /** How many connections are open now. */
    int open() {
        return open.size();
    }

    /** How many connections were seen with a client known. */
    long connections() {
        return connections;
    }

    /** One TCP segment; {@code missing} counts payload bytes the snapshot length cut off. */
    void segment(long packet, Instant time, String app, byte[] src, int srcPort, byte[] dst, int dstPort, int seq,
                 int flags, byte[] buf, int off, int len, int missing) {
        FlowKey key = FlowKey.of(src, srcPort, dst, dstPort);
        TcpConnection c = last != null && last.key.equals(key) ? last : open.get(key);
        last = c;
        boolean syn = (flags & SYN) != 0;
        boolean ack = (flags & ACK) != 0;
        if (syn && !ack) {
            if (c != null && c.decided() && c.isClient(src, srcPort) && c.clientIsn() == seq) {
                c.touch(packet, time);
                return; // a retransmitted SYN
            }
            if (c != null) {
                close(c, time);
            }
            closed.remove(key);
            c = create(key, packet);
            c.events.app(app);
            c.clientIsn(seq);
            decide(c, src, srcPort, dst, dstPort);
            c.toServer.start(seq + 1);
            c.touch(packet, time);
            return;
        }
        if (c == null) {
            if (closed.containsKey(key) || len + missing == 0 && !syn) {
                return; // stragglers of a finished connection, or bare ACKs that say nothing yet
            }
            c = create(key, packet);
        }
        c.touch(packet, time);
        c.events.app(app);
        if (syn) { // SYN-ACK: the receiver is the client
            if (!c.decided()) {
                decide(c, dst, dstPort, src, srcPort);
            }
            c.toClient.start(seq + 1);
            return;
        }
        if ((flags & RST) != 0) {
            close(c, time);
            return;
        }
        if (!c.decided()) {
            if (len + missing == 0) {
                return;
            }
            if (ClientGuess.sentByClient(buf, off, len, srcPort, dstPort)) {
                decide(c, src, srcPort, dst, dstPort);
            } else {
                decide(c, dst, dstPort, src, srcPort);
            }
        }
        boolean fromClient = c.isClient(src, srcPort);
        TcpStream stream = fromClient ? c.toServer : c.toClient;
        if (len + missing > 0) {
            stream.segment(seq, buf, off, len, missing, packet, time, c);
            // giving up may hand other connections' bytes on, and they may then report
            changed |= holes.enforce();
        }
        if ((flags & FIN) != 0) {
            stream.start(seq);
            stream.fin(seq, len + missing);
        }
        if (c.toServer.finished() && c.toClient.finished()) {
            close(c, time);
        } else if (c.events.takeChanged()) {
            changed = true;
        }
    }

    private TcpConnection create(FlowKey key, long packet) {
        TcpConnection c = new TcpConnection(key, packet, new OrderedEvents(order, sink), holes);
        open.put(key, c);
        last = c;
        if (open.size() > MAX_OPEN) {
            Iterator<TcpConnection> it = open.values().iterator();
            TcpConnection eldest = it.next();
            it.remove();
            sink.diagnostic("packet " + packet, "more than " + MAX_OPEN
                    + " open TCP connections; ended the least recently active one (from packet "
                    + eldest.firstPacket + ")");
            end(eldest, null);
        }
        return c;
    }

    private void decide(TcpConnection c, byte[] client, int clientPort, byte[] server, int serverPort) {
        connections++;
        c.decide(client, clientPort, server, serverPort, layer);
    }

    private void close(TcpConnection c, Instant time) {
        open.remove(c.key);
        last = null;
        end(c, time);
    }

    private void end(TcpConnection c, Instant time) {
        c.finish(time);
        c.events.takeChanged();
        changed = true;
        closed.put(c.key, Boolean.TRUE);
        if (closed.size() > MAX_CLOSED) {
            Iterator<FlowKey> it = closed.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    /** Ends the connections idle for longer than {@link #IDLE} at capture time {@code now}. */
    void evictIdle(Instant now) {
        if (now == null) {
            return;
        }
        Instant limit = now.minus(IDLE);
        Iterator<TcpConnection> it = open.values().iterator();
        while (it.hasNext()) {
            TcpConnection c = it.next();
            if (c.lastSeen() == null || !c.lastSeen().isBefore(limit)) {
                break;
            }
            it.remove();
            last = null;
            finished.add(c);
        }
        for (TcpConnection c : finished) {
            end(c, now);
        }
        finished.clear();
    }

    /** Whether some connection reported or ended since the last call. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    /** The earliest packet where a request still under way started, over all open connections. */
    long horizon() {
        long min = Long.MAX_VALUE;
        for (TcpConnection c : open.values()) {
            min = Math.min(min, c.horizon());
        }
        return min;
    }

    /** Ends every open connection, in the order they started (end of capture, or damage). */
    void endAll(Instant time) {
        List<TcpConnection> all = new ArrayList<>(open.values());
        all.sort((a, b) -> Long.compare(a.firstPacket, b.firstPacket));
        open.clear();
        last = null;
        for (TcpConnection c : all) {
            end(c, time);
        }
    }
}
