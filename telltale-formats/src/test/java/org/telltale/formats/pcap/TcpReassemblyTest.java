package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;
import org.telltale.testkit.pcap.TcpScript;
import org.telltale.testkit.pcap.TcpSegment;

class TcpReassemblyTest {
    private static final String REQUEST = "POST /collect HTTP/1.1\r\nHost: tracker.example\r\nContent-Length: 40\r\n\r\n"
            + "imei=356938035643809&lat=48.8583&lon=2.29";
    private static final String RESPONSE = "HTTP/1.1 204 No Content\r\n\r\n";

    @TempDir
    Path dir;

    private static TcpScript conversation() {
        return TcpScript.between("10.0.0.2", 51000, "93.184.216.34", 80).mss(16).handshake()
                .clientSends(REQUEST).serverSends(RESPONSE).close();
    }

    private RecordingLayer.Recorded read(TcpScript script, List<TcpSegment> segments) throws Exception {
        return Captures.read(dir, Captures.classic(LinkFraming.ETHERNET, script.packets(segments, Captures.T0)))
                .only();
    }

    @Test
    void inOrderSegmentsAreJoinedPerDirection() throws Exception {
        TcpScript s = conversation();

        RecordingLayer.Recorded c = read(s, s.segments());

        assertThat(c.clientText()).isEqualTo(REQUEST);
        assertThat(c.serverText()).isEqualTo(RESPONSE);
        assertThat(c.ends).isEqualTo(new TcpEnds("10.0.0.2", 51000, "93.184.216.34", 80));
        assertThat(c.ended).isTrue();
    }

    @Test
    void interleavedConnectionsBetweenEqualPortsEachKeepTheirOwnClientAndBytes() throws Exception {
        // equal ports on both ends, so only the addresses tell client from server
        List<List<Packet>> scripts = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            scripts.add(TcpScript.between("10.0.0." + n, 8080, "93.184.216." + n, 8080).mss(16).handshake()
                    .clientSends(REQUEST.replace("tracker", "tracker" + n)).serverSends(RESPONSE).close()
                    .packets(Captures.T0));
        }
        List<Packet> interleaved = new ArrayList<>();
        for (int i = 0; interleaved.size() < scripts.stream().mapToInt(List::size).sum(); i++) {
            for (List<Packet> script : scripts) {
                if (i < script.size()) {
                    interleaved.add(script.get(i));
                }
            }
        }

        List<RecordingLayer.Recorded> connections = Captures.read(dir, Captures.classic(LinkFraming.ETHERNET,
                interleaved)).connections;

        assertThat(connections).hasSize(3);
        for (int n = 1; n <= 3; n++) {
            RecordingLayer.Recorded c = connections.get(n - 1);
            assertThat(c.ends).isEqualTo(new TcpEnds("10.0.0." + n, 8080, "93.184.216." + n, 8080));
            assertThat(c.clientText()).isEqualTo(REQUEST.replace("tracker", "tracker" + n));
            assertThat(c.serverText()).isEqualTo(RESPONSE);
            assertThat(c.ended).isTrue();
        }
    }

    @Test
    void reorderedSegmentsComeOutInSequenceOrder() throws Exception {
        TcpScript s = conversation();
        List<TcpSegment> segments = s.segments();
        List<Integer> data = TcpScript.dataIndexes(segments);
        Collections.swap(segments, data.get(0), data.get(3));
        Collections.swap(segments, data.get(1), data.get(2));

        assertThat(read(s, segments).clientText()).isEqualTo(REQUEST);
    }

    @Test
    void retransmittedSegmentsAreDeliveredOnce() throws Exception {
        TcpScript s = conversation();
        List<TcpSegment> segments = s.segments();
        List<Integer> data = TcpScript.dataIndexes(segments);
        segments.add(data.get(4) + 1, segments.get(data.get(2)));
        segments.add(data.get(1) + 1, segments.get(data.get(1)));

        RecordingLayer.Recorded c = read(s, segments);

        assertThat(c.clientText()).isEqualTo(REQUEST);
        assertThat(c.clientGaps).isZero();
    }

    @Test
    void whereSegmentsOverlapTheBytesThatArrivedFirstWin() throws Exception {
        TcpScript s = conversation();
        List<TcpSegment> segments = s.segments();
        List<Integer> data = TcpScript.dataIndexes(segments);
        // an overlapping copy with different bytes arrives after the original next segment
        segments.add(data.get(2) + 1, TcpScript.overlapping(segments, data.get(0), 4, 8, (byte) 'X'));
        // and one arrives before the segment it overlaps: its bytes come first, so they win
        List<TcpSegment> early = s.segments();
        List<Integer> earlyData = TcpScript.dataIndexes(early);
        TcpSegment forged = TcpScript.overlapping(early, earlyData.get(0), 0, 8, (byte) 'Y');
        early.remove((int) earlyData.get(1));
        early.add(earlyData.get(1), forged);
        early.add(earlyData.get(1) + 1, s.segments().get(earlyData.get(1)));

        assertThat(read(s, segments).clientText()).isEqualTo(REQUEST);
        assertThat(read(s, early).clientText()).isEqualTo(REQUEST.substring(0, 16) + "YYYYYYYY"
                + REQUEST.substring(24));
    }

    @Test
    void aLostSegmentBecomesAGapAndTheStreamGoesOn() throws Exception {
        TcpScript s = conversation();
        List<TcpSegment> segments = s.segments();
        segments.remove((int) TcpScript.dataIndexes(segments).get(2));

        RecordingLayer.Recorded c = read(s, segments);

        assertThat(c.clientGaps).isEqualTo(16);
        assertThat(c.clientText()).isEqualTo(REQUEST.substring(0, 32) + REQUEST.substring(48));
        assertThat(c.serverText()).isEqualTo(RESPONSE);
    }

    @Test
    void sequenceNumbersWrapAroundTwoToThe32() throws Exception {
        TcpScript s = TcpScript.between("10.0.0.2", 51000, "93.184.216.34", 80).isn(-40, -3).mss(16).handshake()
                .clientSends(REQUEST).serverSends(RESPONSE).close();
        List<TcpSegment> segments = s.segments();
        List<Integer> data = TcpScript.dataIndexes(segments);
        Collections.swap(segments, data.get(2), data.get(3));

        RecordingLayer.Recorded c = read(s, segments);

        assertThat(c.clientText()).isEqualTo(REQUEST);
        assertThat(c.serverText()).isEqualTo(RESPONSE);
    }

    @Test
    void aConnectionCaughtMidWayFindsItsClientFromTheHttpRequest() throws Exception {
        // the client uses a low port and the server a high one, so only the request tells them apart
        TcpScript s = TcpScript.between("10.0.0.2", 80, "93.184.216.34", 40000).mss(16).clientSends(REQUEST)
                .serverSends(RESPONSE);

        RecordingLayer.Recorded c = read(s, s.segments());

        assertThat(c.ends).isEqualTo(new TcpEnds("10.0.0.2", 80, "93.184.216.34", 40000));
        assertThat(c.clientText()).isEqualTo(REQUEST);
    }

    @Test
    void aConnectionCaughtMidWayWithUnknownBytesTakesTheWellKnownPortAsServer() throws Exception {
        // the server speaks first, with bytes that are neither HTTP nor TLS
        TcpScript s = TcpScript.between("10.0.0.2", 52000, "93.184.216.34", 5222).serverSends("<stream>")
                .clientSends("<auth/>");

        RecordingLayer.Recorded c = read(s, s.segments());

        assertThat(c.ends.clientPort()).isEqualTo(52000);
        assertThat(c.serverText()).isEqualTo("<stream>");
    }

    @Test
    void aResetEndsTheConnection() throws Exception {
        TcpScript s = TcpScript.between("10.0.0.2", 51000, "93.184.216.34", 80).mss(16).handshake()
                .clientSends(REQUEST).reset(false).clientSends("late bytes");

        RecordingLayer.Recorded c = read(s, s.segments());

        assertThat(c.ended).isTrue();
        assertThat(c.clientText()).isEqualTo(REQUEST);
    }

    @Test
    void pipelinedRequestsStayInOneStreamInOrder() throws Exception {
        String second = "GET /b HTTP/1.1\r\nHost: a\r\n\r\n";
        TcpScript s = TcpScript.between("10.0.0.2", 51000, "93.184.216.34", 80).mss(10).handshake()
                .clientSends(REQUEST).clientSends(second).serverSends(RESPONSE + RESPONSE).close();

        assertThat(read(s, s.segments()).clientText()).isEqualTo(REQUEST + second);
    }

    @Test
    void aHoleLongerThanTheBufferIsDeclaredAGapInsteadOfHoldingEverything() throws Exception {
        byte[] big = new byte[TcpStream.MAX_BUFFERED_BYTES + 200_000];
        new Random(7).nextBytes(big);
        TcpScript s = TcpScript.between("10.0.0.2", 51000, "93.184.216.34", 80).mss(60_000).handshake()
                .send(true, big).close();
        List<TcpSegment> segments = s.segments();
        segments.remove((int) TcpScript.dataIndexes(segments).get(0));

        RecordingLayer.Recorded c = read(s, segments);

        assertThat(c.clientGaps).isEqualTo(60_000);
        assertThat(c.client.size()).isEqualTo(big.length - 60_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void anyShuffleWithDuplicatesWithinAWindowGivesBackTheSameBytes(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] body = new byte[3000 + random.nextInt(5000)];
        random.nextBytes(body);
        TcpScript s = TcpScript.between("10.0.0.2", 51000, "93.184.216.34", 80).isn(random.nextInt(), random.nextInt())
                .mss(1 + random.nextInt(300)).handshake().send(true, body).close();
        List<TcpSegment> segments = s.segments();
        List<TcpSegment> data = new ArrayList<>(segments.subList(3, segments.size() - 3));
        for (int i = 0; i < data.size(); i++) {
            int j = Math.min(data.size() - 1, i + random.nextInt(6));
            Collections.swap(data, i, j);
            if (random.nextInt(5) == 0) {
                data.add(random.nextInt(data.size()), data.get(i));
            }
        }
        List<TcpSegment> all = new ArrayList<>(segments.subList(0, 3));
        all.addAll(data);
        all.addAll(segments.subList(segments.size() - 3, segments.size()));

        RecordingLayer.Recorded c = read(s, all);

        assertThat(c.client.toByteArray()).isEqualTo(body);
        assertThat(c.clientGaps).isZero();
    }

    @Test
    void bytesCutByTheSnapshotLengthBecomeAGap() throws Exception {
        TcpScript s = TcpScript.between("10.0.0.2", 51000, "93.184.216.34", 80).mss(1000).handshake()
                .clientSends(REQUEST).close();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // Ethernet 14 + IPv4 20 + TCP 20 leaves 10 payload bytes per packet
        org.telltale.testkit.pcap.PcapFileWriter w = new org.telltale.testkit.pcap.PcapFileWriter(out, 1,
                java.nio.ByteOrder.BIG_ENDIAN, true, 64);
        for (var p : s.packets(Captures.T0)) {
            w.write(p.time(), LinkFraming.ETHERNET.frame(p.ip()));
        }

        RecordingLayer.Recorded c = Captures.read(dir, out.toByteArray()).only();

        assertThat(c.clientText()).isEqualTo(REQUEST.substring(0, 10));
        assertThat(c.clientGaps).isEqualTo(REQUEST.getBytes(StandardCharsets.ISO_8859_1).length - 10);
    }
}
