package org.telltale.formats.pcap;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.Endpoint;
import org.telltale.api.OpaqueConnection;
import org.telltale.formats.pcap.proto.RawPayload;

/**
 * UDP flows no parser reads (neither DNS nor QUIC): what the client (the end that sent first) sends
 * is kept, datagrams one after another up to a cap per flow, so the canaries are searched in it, and
 * reported as an opaque "udp" connection when the flow goes quiet, reaches the cap, or the capture
 * ends. Since later flows wait for it (flows come out in the order they started), a flow that goes on
 * is reported in pieces of at most {@link #MAX_WAIT} each, every piece from its own first packet.
 * Bounded in flows: past the bound the oldest flow is reported early.
 */
final class UdpPayloads {
    static final int MAX_FLOWS = 1024;
    /** A flow with no datagram for this long is over. */
    static final Duration IDLE = Duration.ofSeconds(30);
    /** The longest a piece of a flow waits before it is reported. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final int cap;
    private final HostNameTable names;
    private final Map<FlowKey, Flow> flows = new LinkedHashMap<>();

    /**
     * One flow under way: the piece being kept (null between pieces) and how much was kept before it;
     * the entry stays after the cap so the server's datagrams are never taken for a client's.
     */
    private static final class Flow {
        final byte[] client;
        final int clientPort;
        final Endpoint clientEnd;
        final Endpoint serverEnd;
        final String origin;
        final String app;
        final ConnectionEvents events;
        RawPayload raw;
        int kept;
        boolean capped;
        Instant last;

        Flow(UdpDatagram d, Endpoint clientEnd, Endpoint serverEnd, ConnectionEvents events, int cap) {
            this.client = d.source();
            this.clientPort = d.sourcePort();
            this.clientEnd = clientEnd;
            this.serverEnd = serverEnd;
            this.origin = "udp " + clientEnd.ip() + ":" + clientEnd.port() + " -> " + serverEnd.ip() + ":"
                    + serverEnd.port();
            this.app = d.app();
            this.events = events;
        }
    }

    UdpPayloads(int cap, HostNameTable names) {
        this.cap = cap;
        this.names = names;
    }

    void offer(UdpDatagram d, ConnectionEvents events) {
        if (d.len() <= 0) {
            return;
        }
        FlowKey key = FlowKey.of(d.source(), d.sourcePort(), d.destination(), d.destinationPort());
        Flow f = flows.get(key);
        if (f == null) {
            if (flows.size() >= MAX_FLOWS) {
                Iterator<Flow> oldest = flows.values().iterator();
                report(oldest.next());
                oldest.remove();
            }
            String client = IpText.format(d.source(), 0, d.source().length);
            String server = IpText.format(d.destination(), 0, d.destination().length);
            f = new Flow(d, new Endpoint(null, client, d.sourcePort()),
                    new Endpoint(names.nameFor(server), server, d.destinationPort()), events, cap);
            flows.put(key, f);
        }
        f.last = d.time();
        if (f.capped || f.clientPort != d.sourcePort() || !Arrays.equals(f.client, d.source())) {
            return;
        }
        if (f.raw == null) {
            f.raw = new RawPayload(cap - f.kept, d.packet(), d.time());
        }
        if (f.raw.add(d.buf(), d.off(), d.len())) {
            f.capped = true;
            report(f);
            f.events.diagnostic(d.packet(), f.origin + ": kept the first " + Sizes.text(cap) + " the client sent on "
                    + "a UDP flow no parser reads; the canaries are not searched in the rest");
        }
    }

    /** The first packet of the earliest piece not yet reported, which will still be reported as starting there. */
    long horizon() {
        long min = Long.MAX_VALUE;
        for (Flow f : flows.values()) {
            if (f.raw != null) {
                min = Math.min(min, f.raw.firstPacket());
            }
        }
        return min;
    }

    /**
     * Reports the pieces that waited {@link #MAX_WAIT}, and reports and forgets the flows quiet for
     * {@link #IDLE}, at this capture time.
     */
    void evictIdle(Instant now) {
        if (now == null) {
            return;
        }
        Instant idleBefore = now.minus(IDLE);
        Instant waitedBefore = now.minus(MAX_WAIT);
        flows.values().removeIf(f -> {
            boolean idle = f.last != null && f.last.isBefore(idleBefore);
            if (idle || f.raw != null && f.raw.firstTime() != null && f.raw.firstTime().isBefore(waitedBefore)) {
                report(f);
            }
            return idle;
        });
    }

    /** Reports every flow still under way: the capture ended. */
    void finish() {
        flows.values().forEach(this::report);
        flows.clear();
    }

    private void report(Flow f) {
        if (f.raw == null) {
            return;
        }
        RawPayload raw = f.raw;
        f.raw = null;
        byte[] bytes = raw.bytes();
        f.kept += bytes.length;
        f.events.opaque(raw.firstPacket(), new OpaqueConnection(raw.firstTime(), f.origin, "udp", f.clientEnd,
                f.serverEnd, null, List.of(), f.app).withPayload(bytes));
    }
}
