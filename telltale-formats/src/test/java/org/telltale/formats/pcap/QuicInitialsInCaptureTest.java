package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.telltale.formats.pcap.proto.InitialPackets.RFC_DCID;
import static org.telltale.formats.pcap.proto.InitialPackets.clientHello;
import static org.telltale.formats.pcap.proto.InitialPackets.concat;
import static org.telltale.formats.pcap.proto.InitialPackets.crypto;
import static org.telltale.formats.pcap.proto.InitialPackets.initial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Endpoint;
import org.telltale.api.OpaqueConnection;
import org.telltale.testkit.RecordingSink;
import org.telltale.testkit.pcap.IpPackets;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;

/** QUIC client hellos spread over several Initial datagrams, read from whole captures by the pcap reader. */
class QuicInitialsInCaptureTest {
    private static final byte[] CLIENT = IpPackets.address("10.0.0.2");
    private static final byte[] SERVER = IpPackets.address("142.250.1.10");
    private static final byte[] CLIENT6 = IpPackets.address("2001:db8::2");
    private static final byte[] SERVER6 = IpPackets.address("2001:db8:443::10");
    /** As large as a browser's hello with a post-quantum key share. */
    private static final byte[] HELLO = clientHello("www.example.org", List.of("h3", "h3-29"), 1216);
    private static final byte[] OTHER_HELLO = clientHello("cdn.example.net", List.of("h3"), 1216);

    @TempDir
    Path dir;

    @Test
    void helloSpreadOverTwoDatagramsIsOneQuicConnectionFromItsFirstPacket() throws Exception {
        List<Packet> packets = new ArrayList<>();
        udp(packets, CLIENT, 50123, SERVER, 443, initial(RFC_DCID, 0, crypto(HELLO, 0, 1100), 1200));
        udp(packets, CLIENT, 50124, SERVER, 9999, new byte[] {1, 2, 3});
        udp(packets, CLIENT, 50123, SERVER, 443, initial(RFC_DCID, 1, crypto(HELLO, 1100, HELLO.length), 1200));
        // a resent Initial after the hello was whole is the same connection
        udp(packets, CLIENT, 50123, SERVER, 443, initial(RFC_DCID, 2, crypto(HELLO, 0, 1100), 1200));

        List<OpaqueConnection> opaque = quic(read(packets));

        assertThat(opaque).containsExactly(new OpaqueConnection(Captures.T0, "packet 1", "quic",
                new Endpoint(null, "10.0.0.2", 50123), new Endpoint("www.example.org", "142.250.1.10", 443),
                "www.example.org", List.of("h3", "h3-29"), null));
    }

    @Test
    void helloCompletedLaterStillComesOutBeforeFlowsThatStartedAfterIt() throws Exception {
        byte[] otherDcid = HexFormat.of().parseHex("a1b2c3d4e5f60718");
        List<Packet> packets = new ArrayList<>();
        udp(packets, CLIENT, 50123, SERVER, 443, initial(RFC_DCID, 0, crypto(HELLO, 0, 1100), 1200));
        // enough other packets for the reader to release what it holds in between
        filler(packets, 40);
        udp(packets, CLIENT6, 40000, SERVER6, 443, concat(initial(otherDcid, 0, crypto(OTHER_HELLO, 0, 700), 0),
                initial(otherDcid, 1, crypto(OTHER_HELLO, 700, OTHER_HELLO.length), 0)));
        filler(packets, 40);
        udp(packets, CLIENT, 50123, SERVER, 443, initial(RFC_DCID, 1, crypto(HELLO, 1100, HELLO.length), 1200));

        List<OpaqueConnection> opaque = quic(read(packets));

        assertThat(opaque).extracting(OpaqueConnection::origin, OpaqueConnection::sni).containsExactly(
                tuple("packet 1", "www.example.org"),
                tuple("packet 42", "cdn.example.net"));
        assertThat(opaque.get(1).server().ip()).isEqualTo("2001:db8:443::10");
    }

    @Test
    void helloThatNeverCompletesIsNotReported() throws Exception {
        List<Packet> packets = new ArrayList<>();
        udp(packets, CLIENT, 50123, SERVER, 443, initial(RFC_DCID, 0, crypto(HELLO, 0, 1100), 1200));
        filler(packets, 5);

        RecordingSink sink = read(packets);

        assertThat(sink.observations).as("only the filler's raw UDP flow").singleElement()
                .isInstanceOfSatisfying(OpaqueConnection.class, c -> assertThat(c.protocol()).isEqualTo("udp"));
    }

    /** The QUIC connections alone: the filler datagrams to port 9999 are a raw UDP flow of their own. */
    private static List<OpaqueConnection> quic(RecordingSink sink) {
        return sink.opaque().stream().filter(c -> c.protocol().equals("quic")).toList();
    }

    private static void filler(List<Packet> packets, int count) {
        for (int i = 0; i < count; i++) {
            udp(packets, CLIENT, 50124, SERVER, 9999, new byte[] {(byte) i});
        }
    }

    private static void udp(List<Packet> packets, byte[] src, int srcPort, byte[] dst, int dstPort, byte[] payload) {
        packets.add(new Packet(Captures.T0.plusMillis(packets.size()),
                IpPackets.ip(src, dst, IpPackets.UDP, packets.size(), IpPackets.udp(srcPort, dstPort, payload))));
    }

    private RecordingSink read(List<Packet> packets) throws Exception {
        Path file = Files.write(dir.resolve("quic.pcap"), Captures.classic(LinkFraming.ETHERNET, packets));
        RecordingSink sink = new RecordingSink();
        new PcapReader().read(file, sink);
        return sink;
    }
}
