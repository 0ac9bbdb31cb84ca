package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.testkit.RecordingSink;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;
import org.telltale.testkit.pcap.TcpScript;
import org.telltale.testkit.pcap.TcpSegment;

/**
 * What waits in memory is bounded in bytes over the whole capture: finished flows held back for
 * flow order behind a request that is never answered, and bytes held behind TCP holes.
 */
class WaitingBoundsTest {
    private static final long SMALL = 32 * 1024;
    private static final String BODY = "x".repeat(8000);

    @TempDir
    Path dir;

    /** A capture being written: its packets and, per exchange, the packet where its request starts. */
    private static final class Capture {
        final List<Packet> packets = new ArrayList<>();
        final List<String> requestStarts = new ArrayList<>();
        Instant next = Captures.T0;

        /** Adds the segments, remembering the first client segment with payload as a request start. */
        void add(TcpScript script, List<TcpSegment> segments) {
            for (int i = 0; i < segments.size(); i++) {
                if (segments.get(i).fromClient() && segments.get(i).payload().length > 0) {
                    requestStarts.add("packet " + (packets.size() + i + 1));
                    break;
                }
            }
            packets.addAll(script.packets(segments, next));
            next = next.plusMillis(segments.size() + 1L);
        }
    }

    private PcapCapture.Summary read(Capture capture, WaitingBounds bounds, RecordingSink sink) throws Exception {
        Path file = Files.write(dir.resolve("capture-" + System.nanoTime() + ".pcap"),
                Captures.classic(LinkFraming.ETHERNET, capture.packets));
        return PcapCapture.read(file, sink, new ProtoApplicationLayer(), null, bounds);
    }

    private static List<String> diagnosticsAbout(RecordingSink sink, String text) {
        return sink.diagnostics.stream().filter(d -> d.contains(text)).toList();
    }

    // ---- flow order behind a long poll ----

    /** One long poll that is never answered, then {@code count} ordinary exchanges with 8 kB bodies. */
    private static Capture longPollThen(int count) {
        Capture c = new Capture();
        TcpScript poll = TcpScript.between("10.0.0.2", 40000, "192.0.2.1", 80).handshake()
                .clientSends("GET /poll HTTP/1.1\r\nHost: poll.example\r\n\r\n");
        c.add(poll, poll.segments());
        for (int i = 0; i < count; i++) {
            TcpScript s = TcpScript.between("10.0.0.2", 41000 + i, "192.0.2.2", 80).handshake()
                    .clientSends("POST /c" + (1000 + i) + " HTTP/1.1\r\nHost: collect.example\r\nContent-Length: "
                            + BODY.length() + "\r\n\r\n" + BODY)
                    .serverSends("HTTP/1.1 204 No Content\r\n\r\n").close();
            c.add(s, s.segments());
        }
        return c;
    }

    @Test
    void aLongPollNeverAnsweredHoldsBackNoMoreThanTheBoundAndEveryFlowStillComesOut() throws Exception {
        int count = 40;
        Capture capture = longPollThen(count);
        RecordingSink sink = new RecordingSink();

        PcapCapture.Summary summary = read(capture, new WaitingBounds(SMALL, WaitingBounds.DEFAULT.behindHoles()),
                sink);

        assertThat(sink.observations).extracting(Observation::origin)
                .containsExactlyInAnyOrderElementsOf(capture.requestStarts);
        assertThat(summary.peakWaitingForOrder()).isPositive().isLessThanOrEqualTo(SMALL);
        long perFlow = FlowOrder.sizeOf(sink.exchanges().get(0));
        long fit = SMALL / perFlow;
        List<String> notes = diagnosticsAbout(sink, "finished flows waited");
        String firstReleased = capture.requestStarts.get(1);
        assertThat(notes).hasSize(2); // the first time, then the total: never one per flow
        assertThat(notes.get(0)).isEqualTo(firstReleased + ": more than 32 KiB or 4096 finished flows waited for an"
                + " earlier request still under way: the flow of " + firstReleased
                + " went out without waiting, so flows may be numbered out of request order");
        long times = Long.parseLong(notes.get(1).replaceAll(".*: (\\d+) times in all$", "$1"));
        assertThat(notes.get(1)).startsWith("capture: more than 32 KiB");
        assertThat(times).isBetween(count - fit, (long) count);
        // only the poll is out of order: it comes after the flows the bound forced out
        List<String> origins = new ArrayList<>(sink.observations.stream().map(Observation::origin).toList());
        assertThat(origins.indexOf(capture.requestStarts.get(0))).isEqualTo((int) times);
        origins.remove(capture.requestStarts.get(0));
        assertThat(origins).containsExactlyElementsOf(capture.requestStarts.subList(1, count + 1));
    }

    @Test
    void underTheDefaultBoundTheSameCaptureComesOutInRequestOrderWithoutANote() throws Exception {
        Capture capture = longPollThen(40);
        RecordingSink sink = new RecordingSink();

        read(capture, WaitingBounds.DEFAULT, sink);

        assertThat(sink.observations).extracting(Observation::origin).containsExactlyElementsOf(capture.requestStarts);
        assertThat(diagnosticsAbout(sink, "finished flows waited")).isEmpty();
    }

    @Test
    void manyForcedReleasesAreReportedOncePerThousandWithTheirCount() throws Exception {
        int count = BoundNotice.EVERY + 10;
        Capture capture = new Capture();
        TcpScript poll = TcpScript.between("10.0.0.2", 40000, "192.0.2.1", 80).handshake()
                .clientSends("GET /poll HTTP/1.1\r\nHost: poll.example\r\n\r\n");
        capture.add(poll, poll.segments());
        for (int i = 0; i < count; i++) {
            TcpScript s = TcpScript.between("10.0." + (i / 250) + "." + (2 + i % 250), 41000, "192.0.2.2", 80)
                    .handshake().clientSends("GET /c" + i + " HTTP/1.1\r\nHost: a.example\r\n\r\n")
                    .serverSends("HTTP/1.1 204 No Content\r\n\r\n").close();
            capture.add(s, s.segments());
        }
        RecordingSink sink = new RecordingSink();

        PcapCapture.Summary summary = read(capture, new WaitingBounds(1024, WaitingBounds.DEFAULT.behindHoles()),
                sink);

        assertThat(sink.observations).extracting(Observation::origin)
                .containsExactlyInAnyOrderElementsOf(capture.requestStarts);
        assertThat(summary.peakWaitingForOrder()).isLessThanOrEqualTo(1024);
        List<String> notes = diagnosticsAbout(sink, "finished flows waited");
        assertThat(notes).hasSize(3);
        assertThat(notes.get(1)).endsWith("(" + BoundNotice.EVERY + " times so far)");
        assertThat(notes.get(2)).startsWith("capture: ").endsWith(" times in all");
    }

    // ---- bytes behind TCP holes ----

    /**
     * {@code count} connections, one after another, each losing the segment after its request head:
     * the rest of each request waits behind the hole until the connection is given up or ends.
     */
    private static Capture holesIn(int count, List<String> firstHeld) {
        Capture c = new Capture();
        for (int i = 0; i < count; i++) {
            TcpScript s = TcpScript.between("10.0.0.2", 42000 + i, "192.0.2.3", 80).mss(1000).handshake()
                    .clientSends(head(i) + BODY)
                    .serverSends("HTTP/1.1 204 No Content\r\n\r\n").close();
            List<TcpSegment> segments = s.segments();
            int lost = TcpScript.dataIndexes(segments).get(1);
            segments.remove(lost);
            firstHeld.add("packet " + (c.packets.size() + lost + 1));
            c.add(s, segments);
        }
        return c;
    }

    @Test
    void bytesBehindHolesAreBoundedOverAllConnectionsAndTheOldestGivesUp() throws Exception {
        int count = 30;
        List<String> firstHeld = new ArrayList<>();
        Capture capture = holesIn(count, firstHeld);
        RecordingSink sink = new RecordingSink();

        PcapCapture.Summary summary = read(capture, new WaitingBounds(WaitingBounds.DEFAULT.forFlowOrder(), SMALL),
                sink);

        assertThat(summary.peakBehindHoles()).isPositive().isLessThanOrEqualTo(SMALL);
        assertThat(sink.exchanges()).extracting(e -> e.request().url())
                .containsExactlyInAnyOrderElementsOf(paths(count));
        assertThat(sink.exchanges()).allMatch(Exchange::incomplete)
                .allMatch(e -> e.request().body().length == BODY.length() - 1000);
        List<String> notes = diagnosticsAbout(sink, "waited behind TCP holes");
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0)).isEqualTo(firstHeld.get(0) + ": more than 32 KiB waited behind TCP holes over all"
                + " connections: a connection stopped waiting for the bytes missing before " + firstHeld.get(0)
                + "; they count as lost (" + (head(0).length() + BODY.length() - 2 * 1000) + " bytes handed on)"
                + " and its exchange is incomplete");
        assertThat(notes.get(1)).startsWith("capture: more than 32 KiB").endsWith(" times in all");
    }

    @Test
    void underTheDefaultBoundNoConnectionGivesUpEarly() throws Exception {
        int count = 30;
        Capture capture = holesIn(count, new ArrayList<>());
        RecordingSink sink = new RecordingSink();

        PcapCapture.Summary summary = read(capture, WaitingBounds.DEFAULT, sink);

        assertThat(sink.exchanges()).extracting(e -> e.request().url())
                .containsExactlyInAnyOrderElementsOf(paths(count));
        assertThat(diagnosticsAbout(sink, "waited behind TCP holes")).isEmpty();
        assertThat(summary.peakBehindHoles()).isGreaterThan(SMALL);
    }

    private static List<String> paths(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("http://holes.example/h" + (1000 + i));
        }
        return out;
    }

    private static String head(int i) {
        return "POST /h" + (1000 + i) + " HTTP/1.1\r\nHost: holes.example\r\nContent-Length: " + BODY.length()
                + "\r\n\r\n";
    }
}
