package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.CaptureException;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;
import org.telltale.testkit.pcap.PcapNgFileWriter;
import org.telltale.testkit.pcap.TcpScript;

class DamagedFilesTest {
    private static final String REQUEST = "GET /a HTTP/1.1\r\nHost: a.example\r\n\r\n";

    @TempDir
    Path dir;

    private static List<Packet> twoConnections() {
        List<Packet> packets = new java.util.ArrayList<>(TcpScript.between("10.0.0.2", 40000, "192.0.2.9", 80)
                .handshake().clientSends(REQUEST).close().packets(Captures.T0));
        packets.addAll(TcpScript.between("10.0.0.2", 40001, "192.0.2.9", 80).handshake().clientSends(REQUEST)
                .close().packets(Captures.T0.plusSeconds(1)));
        return packets;
    }

    private CaptureException readDamaged(byte[] file, RecordingLayer layer, RecordingSink sink) throws Exception {
        Path path = dir.resolve("damaged.pcap");
        Files.write(path, file);
        return catchThrowableOfType(CaptureException.class, () -> PcapCapture.read(path, sink, layer, null));
    }

    @Test
    void aFileWithAnUnknownMagicIsRefusedAtByteZero() throws Exception {
        CaptureException e = readDamaged("not a capture at all".getBytes(), new RecordingLayer(), new RecordingSink());

        assertThat(e.place()).isEqualTo("byte 0");
    }

    @Test
    void aFileCutInsideAPacketStillYieldsEverythingBeforeIt() throws Exception {
        byte[] whole = Captures.classic(LinkFraming.ETHERNET, twoConnections());
        RecordingLayer layer = new RecordingLayer();

        CaptureException e = readDamaged(Arrays.copyOf(whole, whole.length - 30), layer, new RecordingSink());

        assertThat(e.place()).isEqualTo("byte " + (whole.length - 30));
        assertThat(e.getMessage()).contains("packet 14");
        assertThat(layer.connections).hasSize(2).allSatisfy(c -> assertThat(c.clientText()).isEqualTo(REQUEST));
        assertThat(layer.connections).allSatisfy(c -> assertThat(c.ended).isTrue());
    }

    @Test
    void aFileCutInsideARecordHeaderNamesWhereTheHeaderStarts() throws Exception {
        byte[] whole = Captures.classic(LinkFraming.RAW, twoConnections());
        byte[] cut = Arrays.copyOf(whole, whole.length + 7);

        CaptureException e = readDamaged(cut, new RecordingLayer(), new RecordingSink());

        assertThat(e.place()).isEqualTo("byte " + whole.length);
    }

    @Test
    void anAbsurdRecordLengthStopsTheReading() throws Exception {
        byte[] whole = Captures.classic(LinkFraming.RAW, twoConnections());
        ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFFFFF0);
        RecordingLayer layer = new RecordingLayer();

        CaptureException e = readDamaged(whole, layer, new RecordingSink());

        assertThat(e.place()).isEqualTo("byte 24");
        assertThat(e.getMessage()).contains("absurd");
    }

    @Test
    void aPcapngBlockLongerThanTheFileStopsTheReadingAfterTheBlocksBefore() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapNgFileWriter w = new PcapNgFileWriter(out).section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(101, 0, -1);
        for (Packet p : twoConnections()) {
            w.enhancedPacket(0, p.time(), p.ip());
        }
        int before = out.size();
        w.enhancedPacket(0, Captures.T0, new byte[400]);
        byte[] file = Arrays.copyOf(out.toByteArray(), before + 100);
        RecordingLayer layer = new RecordingLayer();

        CaptureException e = readDamaged(file, layer, new RecordingSink());

        assertThat(e.place()).isEqualTo("byte " + before);
        assertThat(layer.connections).hasSize(2);
    }

    @Test
    void aPcapngBlockWhoseTrailingLengthDisagreesIsDamage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapNgFileWriter(out).section(ByteOrder.BIG_ENDIAN).interfaceBlock(101, 0, -1);
        byte[] file = out.toByteArray();
        file[file.length - 1] ^= 4;

        CaptureException e = readDamaged(file, new RecordingLayer(), new RecordingSink());

        assertThat(e.place()).isEqualTo("byte " + (file.length - 4));
    }

    @Test
    void aPcapngBlockWithAnImpossibleLengthIsDamage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapNgFileWriter(out).section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(101, 0, -1);
        int at = out.size();
        out.write(new byte[]{6, 0, 0, 0, 13, 0, 0, 0});

        CaptureException e = readDamaged(out.toByteArray(), new RecordingLayer(), new RecordingSink());

        assertThat(e.place()).isEqualTo("byte " + at);
    }

    @Test
    void packetsThatAreNotValidIpAreReportedWithTheirNumberAndSkipped() throws Exception {
        List<Packet> packets = new java.util.ArrayList<>(twoConnections());
        packets.add(2, new Packet(Captures.T0, new byte[]{0x45, 0, 0, 10}));
        RecordingSink sink = new RecordingSink();

        RecordingLayer layer = Captures.read(dir, Captures.classic(LinkFraming.RAW, packets), sink);

        assertThat(sink.diagnostics).singleElement().asString().startsWith("packet 3:");
        assertThat(layer.connections).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void randomlyCorruptedCapturesFailOnlyWithCaptureExceptions(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] file = Captures.classic(seed % 2 == 0 ? LinkFraming.ETHERNET_VLAN : LinkFraming.SLL2, twoConnections());
        for (int i = 0; i < 40; i++) {
            file[24 + random.nextInt(file.length - 24)] = (byte) random.nextInt();
        }
        Path path = dir.resolve("corrupt.pcap");
        Files.write(path, file);

        try {
            PcapCapture.read(path, new RecordingSink(), new RecordingLayer(), null);
        } catch (CaptureException expected) {
            assertThat(expected.place()).startsWith("byte ");
        }
    }
}
