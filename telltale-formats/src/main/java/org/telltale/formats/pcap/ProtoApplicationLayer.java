package org.telltale.formats.pcap;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.telltale.api.Endpoint;
import org.telltale.api.OpaqueConnection;
import org.telltale.formats.pcap.proto.ClientHelloInfo;
import org.telltale.formats.pcap.proto.ConnectionParser;
import org.telltale.formats.pcap.proto.DnsAnswer;
import org.telltale.formats.pcap.proto.DnsParser;
import org.telltale.formats.pcap.proto.GoogleQuicHello;
import org.telltale.formats.pcap.proto.HttpLimits;
import org.telltale.formats.pcap.proto.QuicHelloReassembler;

/**
 * Wires the application-protocol parsers to the packet layers: HTTP and TLS on TCP, DNS answers
 * (which name the addresses) and QUIC client hellos, IETF (put together from several Initial
 * packets when the hello spans them) or Google's older gQUIC, reported once per flow, on UDP. Any
 * other UDP flow keeps what its client sent ({@link UdpPayloads}) for the canaries to be searched in.
 */
final class ProtoApplicationLayer implements ApplicationLayer {
    private static final int MAX_QUIC_FLOWS = 65_536;

    private final HttpLimits limits;
    private final HostNameTable names = new HostNameTable();
    private final UdpPayloads udpPayloads;
    private final Set<FlowKey> quicSeen = new HashSet<>();
    private final QuicHelloReassembler<FlowKey> quicHellos = new QuicHelloReassembler<>();

    ProtoApplicationLayer() {
        this(HttpLimits.DEFAULT);
    }

    /** With other limits, for tests of the bounds on a real capture. */
    ProtoApplicationLayer(HttpLimits limits) {
        this.limits = limits;
        this.udpPayloads = new UdpPayloads(limits.maxRaw(), names);
    }

    @Override
    public StreamConsumer tcp(TcpEnds ends, long firstPacket, ConnectionEvents events) {
        String origin = "tcp " + ends.clientIp() + ":" + ends.clientPort() + " -> " + ends.serverIp() + ":"
                + ends.serverPort();
        return new ConnectionParser(ends, origin, names, events, limits);
    }

    @Override
    public void udp(UdpDatagram d, ConnectionEvents events) {
        if (d.sourcePort() == 53) {
            List<DnsAnswer> answers = DnsParser.answers(d.buf(), d.off(), d.len());
            for (DnsAnswer a : answers) {
                names.put(a.address(), a.name());
            }
        } else if (d.destinationPort() == 443) {
            quic(d, events);
        } else if (d.destinationPort() != 53 && d.sourcePort() != 443) {
            udpPayloads.offer(d, events);
        }
    }

    private void quic(UdpDatagram d, ConnectionEvents events) {
        FlowKey key = FlowKey.of(d.source(), d.sourcePort(), d.destination(), d.destinationPort());
        if (quicSeen.contains(key)) {
            return;
        }
        QuicHelloReassembler.Hello ietf = quicHellos.offer(key, d.packet(), d.time(), d.buf(), d.off(), d.len());
        ClientHelloInfo hello;
        long start;
        Instant time;
        if (ietf != null) {
            hello = ietf.info();
            start = ietf.firstPacket();
            time = ietf.firstTime();
        } else {
            hello = GoogleQuicHello.parse(d.buf(), d.off(), d.len());
            start = d.packet();
            time = d.time();
        }
        if (hello == null) {
            return;
        }
        if (quicSeen.size() >= MAX_QUIC_FLOWS) {
            quicSeen.clear();
        }
        quicSeen.add(key);
        String client = IpText.format(d.source(), 0, d.source().length);
        String server = IpText.format(d.destination(), 0, d.destination().length);
        String host = hello.sni() != null ? hello.sni() : names.nameFor(server);
        events.opaque(start, new OpaqueConnection(time, "packet " + start, "quic",
                new Endpoint(null, client, d.sourcePort()), new Endpoint(host, server, d.destinationPort()),
                hello.sni(), hello.alpn(), d.app()));
    }

    @Override
    public long horizon() {
        return Math.min(quicHellos.horizon(), udpPayloads.horizon());
    }

    @Override
    public void evictIdle(Instant now) {
        quicHellos.evictIdle(now);
        udpPayloads.evictIdle(now);
    }

    @Override
    public void finish() {
        udpPayloads.finish();
    }

    @Override
    public void hostName(String ip, String name) {
        names.put(ip, name);
    }
}
