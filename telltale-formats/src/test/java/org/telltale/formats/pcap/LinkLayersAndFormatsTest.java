package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.Exchange;
import org.telltale.testkit.pcap.IpPackets;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;
import org.telltale.testkit.pcap.PcapFileWriter;
import org.telltale.testkit.pcap.PcapNgFileWriter;
import org.telltale.testkit.pcap.TcpScript;

class LinkLayersAndFormatsTest {
    private static final String REQUEST = "GET /pixel?uid=42 HTTP/1.1\r\nHost: ads.example\r\n\r\n";

    @TempDir
    Path dir;

    private static List<Packet> packets(String client, String server) {
        return TcpScript.between(client, 40000, server, 80).mss(20).handshake().clientSends(REQUEST)
                .serverSends("HTTP/1.1 200 OK\r\n\r\n").close().packets(Captures.T0);
    }

    @ParameterizedTest
    @EnumSource(value = LinkFraming.class, names = {"IPV6"}, mode = EnumSource.Mode.EXCLUDE)
    void everyLinkTypeCarriesIpv4(LinkFraming link) throws Exception {
        RecordingLayer.Recorded c = Captures.read(dir, Captures.classic(link, packets("10.0.0.2", "192.0.2.9")))
                .only();

        assertThat(c.clientText()).isEqualTo(REQUEST);
        assertThat(c.ends.serverIp()).isEqualTo("192.0.2.9");
    }

    @ParameterizedTest
    @EnumSource(value = LinkFraming.class, names = {"IPV4"}, mode = EnumSource.Mode.EXCLUDE)
    void everyLinkTypeCarriesIpv6(LinkFraming link) throws Exception {
        RecordingLayer.Recorded c = Captures.read(dir, Captures.classic(link, packets("2001:db8::2", "2001:db8:0:1::9")))
                .only();

        assertThat(c.clientText()).isEqualTo(REQUEST);
        assertThat(c.ends.clientIp()).isEqualTo("2001:db8::2");
        assertThat(c.ends.serverIp()).isEqualTo("2001:db8:0:1::9");
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() throws Exception {
        byte[] client = IpPackets.address("2001:db8::2");
        byte[] server = IpPackets.address("2001:db8::9");
        List<Packet> packets = new ArrayList<>();
        for (Packet p : packets("2001:db8::2", "2001:db8::9")) {
            byte[] tcp = java.util.Arrays.copyOfRange(p.ip(), 40, p.ip().length);
            boolean fromClient = java.util.Arrays.equals(java.util.Arrays.copyOfRange(p.ip(), 8, 24), client);
            packets.add(new Packet(p.time(), IpPackets.ipv6WithHopByHop(fromClient ? client : server,
                    fromClient ? server : client, 6, tcp)));
        }

        assertThat(Captures.read(dir, Captures.classic(LinkFraming.RAW, packets)).only().clientText())
                .isEqualTo(REQUEST);
    }

    @Test
    void ipv4FragmentsArrivingInAnyOrderAreJoined() throws Exception {
        List<Packet> packets = new ArrayList<>();
        for (Packet p : packets("10.0.0.2", "192.0.2.9")) {
            List<byte[]> fragments = IpPackets.fragmentV4(p.ip(), 16);
            Collections.reverse(fragments);
            fragments.forEach(f -> packets.add(new Packet(p.time(), f)));
        }

        assertThat(Captures.read(dir, Captures.classic(LinkFraming.ETHERNET, packets)).only().clientText())
                .isEqualTo(REQUEST);
    }

    @Test
    void ipv6FragmentHeadersAreJoined() throws Exception {
        byte[] client = IpPackets.address("2001:db8::2");
        byte[] server = IpPackets.address("2001:db8::9");
        List<Packet> packets = new ArrayList<>();
        int id = 1;
        for (Packet p : packets("2001:db8::2", "2001:db8::9")) {
            byte[] tcp = java.util.Arrays.copyOfRange(p.ip(), 40, p.ip().length);
            boolean fromClient = java.util.Arrays.equals(java.util.Arrays.copyOfRange(p.ip(), 8, 24), client);
            for (byte[] f : IpPackets.fragmentV6(fromClient ? client : server, fromClient ? server : client, 6, id++,
                    tcp, 24)) {
                packets.add(new Packet(p.time(), f));
            }
        }

        assertThat(Captures.read(dir, Captures.classic(LinkFraming.RAW, packets)).only().clientText())
                .isEqualTo(REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"little-micro", "big-micro", "little-nano", "big-nano"})
    void classicPcapInEitherByteOrderAndResolutionKeepsTimestamps(String variant) throws Exception {
        ByteOrder order = variant.startsWith("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean nanos = variant.endsWith("nano");
        Instant t = Instant.parse("2024-05-01T10:00:00.123456789Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapFileWriter w = new PcapFileWriter(out, 101, order, nanos, 65535);
        for (Packet p : TcpScript.between("10.0.0.2", 40000, "192.0.2.9", 80).clientSends(REQUEST).packets(t)) {
            w.write(p.time(), p.ip());
        }
        List<Instant> seen = new ArrayList<>();
        FrameSink probe = new FrameRecorder(seen);

        java.nio.file.Path file = dir.resolve("t.pcap");
        java.nio.file.Files.write(file, out.toByteArray());
        try (CaptureInput in = new CaptureInput(file, null)) {
            ClassicPcapFormat.read(in, probe);
        }

        assertThat(seen).containsExactly(nanos ? t : Instant.parse("2024-05-01T10:00:00.123456Z"));
    }

    @Test
    void pcapngSectionsInBothByteOrdersWithEveryPacketBlockKind() throws Exception {
        List<Packet> first = packets("10.0.0.2", "192.0.2.9");
        List<Packet> second = TcpScript.between("10.0.0.3", 40001, "192.0.2.10", 80).handshake()
                .clientSends(REQUEST).close().packets(Captures.T0.plusSeconds(5));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapNgFileWriter w = new PcapNgFileWriter(out);
        w.section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 65535, 9).rawBlock(0x0BAD, new byte[]{1, 2, 3});
        for (Packet p : first) {
            long nanos = p.time().getEpochSecond() * 1_000_000_000L + p.time().getNano();
            w.enhancedPacket(0, nanos, LinkFraming.ETHERNET.frame(p.ip()), LinkFraming.ETHERNET.frame(p.ip()).length,
                    "a comment");
        }
        w.section(ByteOrder.BIG_ENDIAN).interfaceBlock(101, 65535, -1).nameResolution("192.0.2.10", "cdn.example")
                .decryptionSecrets("CLIENT_RANDOM 00 11\n");
        for (int i = 0; i < second.size(); i++) {
            if (i % 2 == 0) {
                w.simplePacket(second.get(i).ip());
            } else {
                w.obsoletePacket(0, second.get(i).time(), second.get(i).ip());
            }
        }
        RecordingSink sink = new RecordingSink();

        RecordingLayer layer = Captures.read(dir, out.toByteArray(), sink);

        assertThat(layer.connections).hasSize(2).allSatisfy(c -> assertThat(c.clientText()).isEqualTo(REQUEST));
        assertThat(layer.names).containsEntry("192.0.2.10", "cdn.example");
        assertThat(sink.secrets).containsExactly("CLIENT_RANDOM 00 11\n");
        assertThat(sink.diagnostics).isEmpty();
    }

    @Test
    void pcapngTimestampResolutionsAreHonoured() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] ip = packets("10.0.0.2", "192.0.2.9").get(0).ip();
        new PcapNgFileWriter(out).section(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(101, 0, 3).interfaceBlock(101, 0, 0x80 | 10)
                .enhancedPacket(0, 1_714_557_600_250L, ip, ip.length, null)
                .enhancedPacket(1, 1_714_557_600L * 1024 + 512, ip, ip.length, null);
        List<Instant> seen = new ArrayList<>();
        java.nio.file.Path file = dir.resolve("t.pcapng");
        java.nio.file.Files.write(file, out.toByteArray());

        try (CaptureInput in = new CaptureInput(file, null)) {
            PcapNgFormat.read(in, new FrameRecorder(seen));
        }

        assertThat(seen).containsExactly(Instant.parse("2024-05-01T10:00:00.250Z"),
                Instant.parse("2024-05-01T10:00:00.500Z"));
    }

    @Test
    void pcapdroidTrailerNamesTheAppOfEachExchange() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapFileWriter w = new PcapFileWriter(out, 1);
        for (Packet p : packets("10.0.0.2", "192.0.2.9")) {
            w.write(p.time(), LinkFraming.pcapdroidTrailer(p.ip(), 10123, "com.example.app"));
        }
        RecordingSink sink = new RecordingSink();

        RecordingLayer.Recorded c = Captures.read(dir, out.toByteArray(), sink).only();

        assertThat(c.clientText()).isEqualTo(REQUEST);
        assertThat(sink.observations).singleElement().isInstanceOfSatisfying(Exchange.class,
                e -> assertThat(e.app()).isEqualTo("com.example.app"));
    }

    /** Keeps the timestamps of the frames a format yields. */
    private record FrameRecorder(List<Instant> times) implements FrameSink {
        @Override
        public void frame(long number, Instant time, int linkType, byte[] buf, int off, int captured,
                          int wireLength) {
            times.add(time);
        }

        @Override
        public void hostName(String ip, String name) {
        }

        @Override
        public void tlsSecrets(String keyLog) {
        }

        @Override
        public void diagnostic(String origin, String message) {
            throw new AssertionError(origin + ": " + message);
        }
    }
}
