package org.telltale.testkit.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scripts one TCP conversation and turns it into IP packets. The segment list it builds can be
 * rearranged before packing (reorder, duplicate, overlap, drop) to show what real captures rarely do.
 */
public final class TcpScript {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private final String clientIp;
    private final int clientPort;
    private final String serverIp;
    private final int serverPort;
    private final List<TcpSegment> segments = new ArrayList<>();
    private int mss = 1400;
    private int clientSeq = 1000;
    private int serverSeq = 500_000;
    private boolean opened;

    private TcpScript(String clientIp, int clientPort, String serverIp, int serverPort) {
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
    }

    public static TcpScript between(String clientIp, int clientPort, String serverIp, int serverPort) {
        return new TcpScript(clientIp, clientPort, serverIp, serverPort);
    }

    /** Initial sequence numbers; values near 2^32 make the streams wrap around. */
    public TcpScript isn(int client, int server) {
        clientSeq = client;
        serverSeq = server;
        return this;
    }

    /** The largest payload per segment. */
    public TcpScript mss(int bytes) {
        mss = bytes;
        return this;
    }

    /** The three-way handshake; leave it out to script a capture that starts mid-connection. */
    public TcpScript handshake() {
        segments.add(new TcpSegment(true, clientSeq, 0, SYN, new byte[0]));
        segments.add(new TcpSegment(false, serverSeq, clientSeq + 1, SYN | ACK, new byte[0]));
        clientSeq++;
        serverSeq++;
        segments.add(new TcpSegment(true, clientSeq, serverSeq, ACK, new byte[0]));
        opened = true;
        return this;
    }

    public TcpScript clientSends(String text) {
        return send(true, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public TcpScript serverSends(String text) {
        return send(false, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends bytes from one side, cut into segments of at most the MSS. */
    public TcpScript send(boolean fromClient, byte[] data) {
        for (int off = 0; off < data.length; off += mss) {
            byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + mss));
            segments.add(new TcpSegment(fromClient, fromClient ? clientSeq : serverSeq,
                    fromClient ? serverSeq : clientSeq, ACK | PSH, part));
            if (fromClient) {
                clientSeq += part.length;
            } else {
                serverSeq += part.length;
            }
        }
        return this;
    }

    /** Both sides close with FIN and acknowledge each other's FIN. */
    public TcpScript close() {
        segments.add(new TcpSegment(true, clientSeq, serverSeq, FIN | ACK, new byte[0]));
        clientSeq++;
        segments.add(new TcpSegment(false, serverSeq, clientSeq, FIN | ACK, new byte[0]));
        serverSeq++;
        segments.add(new TcpSegment(true, clientSeq, serverSeq, ACK, new byte[0]));
        return this;
    }

    /** One side aborts the connection. */
    public TcpScript reset(boolean fromClient) {
        segments.add(new TcpSegment(fromClient, fromClient ? clientSeq : serverSeq, 0, RST, new byte[0]));
        return this;
    }

    /** Whether {@link #handshake()} was scripted. */
    public boolean opened() {
        return opened;
    }

    /** The scripted segments, as a new mutable list to rearrange. */
    public List<TcpSegment> segments() {
        return new ArrayList<>(segments);
    }

    /** The indexes of the segments that carry payload, in order. */
    public static List<Integer> dataIndexes(List<TcpSegment> segments) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).payload().length > 0) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * A segment that re-sends the last {@code tail} bytes of segment {@code i} and the first {@code head} bytes
     * of the next segment from the same side, with different content where it overlaps the next one so that a
     * test can tell which copy won.
     */
    public static TcpSegment overlapping(List<TcpSegment> segments, int i, int tail, int head, byte filler) {
        TcpSegment first = segments.get(i);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first.payload(), first.payload().length - tail, tail);
        for (int k = 0; k < head; k++) {
            out.write(filler);
        }
        return new TcpSegment(first.fromClient(), first.seq() + first.payload().length - tail, first.ack(),
                ACK | PSH, out.toByteArray());
    }

    /** IP packets for these segments, one millisecond apart from {@code start}. */
    public List<Packet> packets(List<TcpSegment> list, Instant start) {
        byte[] client = IpPackets.address(clientIp);
        byte[] server = IpPackets.address(serverIp);
        List<Packet> out = new ArrayList<>();
        int id = 1;
        Instant time = start;
        for (TcpSegment s : list) {
            byte[] tcp = s.fromClient()
                    ? IpPackets.tcp(clientPort, serverPort, s.seq(), s.ack(), s.flags(), s.payload())
                    : IpPackets.tcp(serverPort, clientPort, s.seq(), s.ack(), s.flags(), s.payload());
            byte[] ip = s.fromClient()
                    ? IpPackets.ip(client, server, IpPackets.TCP, id++, tcp)
                    : IpPackets.ip(server, client, IpPackets.TCP, id++, tcp);
            out.add(new Packet(time, ip));
            time = time.plus(Duration.ofMillis(1));
        }
        return out;
    }

    /** IP packets for the segments as scripted. */
    public List<Packet> packets(Instant start) {
        return packets(segments, start);
    }
}
