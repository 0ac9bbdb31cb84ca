package org.telltale.formats.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.Exchange;
import org.telltale.api.HttpRequest;

/**
 * A real application layer for tests: keeps every connection's reassembled bytes and gaps. When a
 * connection ends it reports one exchange that started at the packet carrying its first client byte,
 * so flow ordering can be checked.
 */
final class RecordingLayer implements ApplicationLayer {
    final List<Recorded> connections = new ArrayList<>();
    final List<UdpDatagram> datagrams = new ArrayList<>();
    final Map<String, String> names = new LinkedHashMap<>();

    /** One connection as the layer saw it. */
    static final class Recorded implements StreamConsumer {
        final TcpEnds ends;
        final long firstPacket;
        final ConnectionEvents events;
        final ByteArrayOutputStream client = new ByteArrayOutputStream();
        final ByteArrayOutputStream server = new ByteArrayOutputStream();
        long clientGaps;
        long serverGaps;
        long firstClientPacket = Long.MAX_VALUE;
        boolean ended;

        Recorded(TcpEnds ends, long firstPacket, ConnectionEvents events) {
            this.ends = ends;
            this.firstPacket = firstPacket;
            this.events = events;
        }

        String clientText() {
            return client.toString(StandardCharsets.ISO_8859_1);
        }

        String serverText() {
            return server.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void data(boolean fromClient, long packet, Instant time, byte[] buf, int off, int len) {
            if (ended) {
                throw new IllegalStateException("data after end");
            }
            if (fromClient) {
                firstClientPacket = Math.min(firstClientPacket, packet);
                client.write(buf, off, len);
            } else {
                server.write(buf, off, len);
            }
        }

        @Override
        public void gap(boolean fromClient, long packet, Instant time, long length) {
            if (fromClient) {
                firstClientPacket = Math.min(firstClientPacket, packet);
                clientGaps += length;
            } else {
                serverGaps += length;
            }
        }

        @Override
        public long earliestPending() {
            return firstClientPacket;
        }

        @Override
        public void end(Instant time) {
            if (!ended && firstClientPacket != Long.MAX_VALUE) {
                events.exchange(firstClientPacket, new Exchange(time, "ignored", null, null,
                        new HttpRequest("GET", "http://" + ends.serverIp() + ":" + ends.clientPort() + "/", null,
                                List.of(), null), null, List.of(), null, clientGaps > 0));
            }
            ended = true;
        }
    }

    @Override
    public StreamConsumer tcp(TcpEnds ends, long firstPacket, ConnectionEvents events) {
        Recorded r = new Recorded(ends, firstPacket, events);
        connections.add(r);
        return r;
    }

    @Override
    public void udp(UdpDatagram datagram, ConnectionEvents events) {
        datagrams.add(datagram);
    }

    @Override
    public void hostName(String ip, String name) {
        names.put(ip, name);
    }

    /** Bytes per direction, one line each as "client:port -> server:port bytes", in the style of the golden files. */
    List<String> directions() {
        List<String> out = new ArrayList<>();
        for (Recorded r : connections) {
            String c = endpoint(r.ends.clientIp(), r.ends.clientPort());
            String s = endpoint(r.ends.serverIp(), r.ends.serverPort());
            if (r.client.size() > 0) {
                out.add(c + " -> " + s + " " + r.client.size());
            }
            if (r.server.size() > 0) {
                out.add(s + " -> " + c + " " + r.server.size());
            }
        }
        out.sort(null);
        return out;
    }

    private static String endpoint(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    Recorded only() {
        if (connections.size() != 1) {
            throw new AssertionError("expected one connection, saw " + connections.size());
        }
        return connections.get(0);
    }
}
