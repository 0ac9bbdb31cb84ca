package org.telltale.formats.pcap;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.telltale.api.CaptureSink;

/**
 * Takes each captured frame down through the link, IP and transport layers to TCP streams and UDP
 * datagrams, and releases finished observations in flow order.
 */
final class PacketDecoder implements FrameSink {
    /** Past this many, problems with single packets are counted, not each reported. */
    static final int MAX_DIAGNOSTICS = 1000;
    private static final int RELEASE_EVERY = 4096;
    private static final int RECOMPUTE_EVERY = 32;

    private final CaptureSink sink;
    private final ApplicationLayer layer;
    private final FlowOrder order;
    private final HoleBudget holes;
    private final TcpTracker tcp;
    private final OrderedEvents udpEvents;
    private final IpLayer ip = new IpLayer();
    private final Set<Integer> unsupportedLinks = new HashSet<>();
    /** The packet being decoded, so that one problem reporter serves every packet. */
    private long current;
    private final IpLayer.Problems ipProblems = m -> problem(current, m);
    private long diagnostics;
    private long packets;
    private Instant lastTime;
    private long evictedAt = Long.MIN_VALUE;
    /** No request still under way started before this packet. */
    private long bound;
    /** The packet after which {@link #bound} was found. */
    private long boundAt;

    PacketDecoder(CaptureSink sink, ApplicationLayer layer, WaitingBounds bounds) {
        this.sink = sink;
        this.layer = layer;
        this.order = new FlowOrder(sink, bounds.forFlowOrder());
        this.holes = new HoleBudget(bounds.behindHoles(), sink);
        this.tcp = new TcpTracker(layer, order, sink, holes);
        this.udpEvents = new OrderedEvents(order, sink);
    }

    /** How many TCP connections were followed. */
    long tcpConnections() {
        return tcp.connections();
    }

    /** The most bytes of finished flows that waited for flow order at once. */
    long peakWaitingForOrder() {
        return order.peakBytes();
    }

    /** The most bytes that waited behind TCP holes at once, over all connections. */
    long peakBehindHoles() {
        return holes.peak();
    }

    /** How many packets were read. */
    long packets() {
        return packets;
    }

    @Override
    public void frame(long number, Instant time, int linkType, byte[] f, int off, int captured, int wireLength) {
        packets++;
        if (time != null) {
            lastTime = time;
        }
        int end = off + captured;
        int at = LinkLayer.ipOffset(linkType, f, off, end);
        if (at < 0) {
            if (!LinkLayer.supported(linkType) && unsupportedLinks.add(linkType)) {
                sink.diagnostic("packet " + number, "link type " + linkType + " is not supported; its packets are"
                        + " skipped");
            }
            afterPacket(number, time);
            return;
        }
        current = number;
        IpDatagram d = ip.parse(f, at, end, wireLength > captured, time, ipProblems);
        if (d != null) {
            String app = LinkLayer.pcapdroidApp(linkType, f, end, ipEnd(f, at, end));
            if (d.protocol() == 6) {
                tcpSegment(number, time, app, d);
            } else if (d.protocol() == 17) {
                udp(number, time, app, d);
            }
        }
        afterPacket(number, time);
    }

    private static int ipEnd(byte[] f, int at, int end) {
        int version = (f[at] & 0xFF) >> 4;
        if (version == 4 && at + 4 <= end) {
            return at + Bytes.uint16(f, at + 2);
        }
        if (version == 6 && at + 6 <= end) {
            return at + 40 + Bytes.uint16(f, at + 4);
        }
        return end;
    }

    private void tcpSegment(long number, Instant time, String app, IpDatagram d) {
        byte[] b = d.buf();
        int o = d.off();
        if (d.len() < 20) {
            problem(number, "TCP header truncated");
            return;
        }
        int headerLength = ((b[o + 12] & 0xFF) >> 4) * 4;
        if (headerLength < 20 || headerLength > d.len() + d.missing()) {
            problem(number, "TCP header length " + headerLength + " is invalid");
            return;
        }
        int captured = Math.max(0, d.len() - headerLength);
        int missing = d.missing() - Math.max(0, headerLength - d.len());
        tcp.segment(number, time, app, d.source(), Bytes.uint16(b, o), d.destination(), Bytes.uint16(b, o + 2),
                Bytes.int32(b, o + 4), b[o + 13] & 0xFF, b, o + Math.min(headerLength, d.len()), captured, missing);
    }

    private void udp(long number, Instant time, String app, IpDatagram d) {
        if (d.len() < 8) {
            problem(number, "UDP header truncated");
            return;
        }
        byte[] b = d.buf();
        int o = d.off();
        int length = Bytes.uint16(b, o + 4);
        int payload = (length >= 8 && length <= d.len() ? length : d.len()) - 8;
        try {
            // the addresses are copied: the IP layer reuses its arrays, and a datagram may be kept
            layer.udp(new UdpDatagram(d.source().clone(), Bytes.uint16(b, o), d.destination().clone(),
                    Bytes.uint16(b, o + 2), number, time, app, b, o + 8, payload), udpEvents);
        } catch (RuntimeException e) {
            problem(number, "UDP payload could not be parsed (" + e + ")");
        }
    }

    @Override
    public void hostName(String address, String name) {
        layer.hostName(address, name);
    }

    @Override
    public void tlsSecrets(String keyLog) {
        sink.tlsSecrets(keyLog);
    }

    @Override
    public void diagnostic(String origin, String message) {
        if (++diagnostics <= MAX_DIAGNOSTICS) {
            sink.diagnostic(origin, message);
        }
    }

    private void problem(long number, String message) {
        diagnostic("packet " + number, message);
    }

    private void afterPacket(long number, Instant time) {
        // idleness is judged in whole seconds, so the open connections are walked once a second at most
        if (time != null && time.getEpochSecond() != evictedAt) {
            evictedAt = time.getEpochSecond();
            tcp.evictIdle(time);
            layer.evictIdle(time);
        }
        boolean changed = tcp.takeChanged() | udpEvents.takeChanged();
        if (order.isEmpty()) {
            return;
        }
        order.releaseBefore(bound);
        // Finding the horizon walks every open connection, so it is done only every so many packets,
        // fewer the more connections are open; in between the bound above holds.
        boolean due = changed && number - boundAt >= RECOMPUTE_EVERY + tcp.open() / 16;
        if (!order.isEmpty() && (due || number % RELEASE_EVERY == 0)) {
            // a request that starts later starts after this packet, so this stays a safe bound
            bound = Math.min(Math.min(tcp.horizon(), layer.horizon()), number + 1);
            boundAt = number;
            order.releaseBefore(bound);
        }
    }

    /** Ends every connection and emits everything still held; called at the end of the file or at damage. */
    void finish() {
        tcp.endAll(lastTime);
        layer.finish();
        holes.finish();
        order.releaseAll();
        if (diagnostics > MAX_DIAGNOSTICS) {
            sink.diagnostic("capture", (diagnostics - MAX_DIAGNOSTICS) + " more packet problems not listed");
        }
    }
}
