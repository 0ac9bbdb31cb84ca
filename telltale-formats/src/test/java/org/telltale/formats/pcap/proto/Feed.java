package org.telltale.formats.pcap.proto;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.telltale.formats.pcap.TcpEnds;

/** A scripted connection: what each side sent, packet by packet, and what the capture lost. */
final class Feed {
    static final TcpEnds ENDS = new TcpEnds("10.0.0.2", 51234, "93.184.216.34", 80);
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** One step: bytes from one side, or a gap of that many bytes when bytes is null. */
    record Step(boolean fromClient, long packet, byte[] bytes, long gap) {
    }

    final List<Step> steps = new ArrayList<>();

    Feed client(String text) {
        return add(true, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    Feed server(String text) {
        return add(false, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    Feed add(boolean fromClient, byte[] bytes) {
        steps.add(new Step(fromClient, steps.size() + 1, bytes, 0));
        return this;
    }

    Feed clientGap(long length) {
        steps.add(new Step(true, steps.size() + 1, null, length));
        return this;
    }

    Feed serverGap(long length) {
        steps.add(new Step(false, steps.size() + 1, null, length));
        return this;
    }

    /** The time of a packet: one second per packet after T0. */
    static Instant time(long packet) {
        return T0.plusSeconds(packet);
    }

    RecordingEvents run() {
        return run(HttpLimits.DEFAULT, ip -> null, ENDS);
    }

    RecordingEvents run(HttpLimits limits, HostNames names, TcpEnds ends) {
        RecordingEvents events = new RecordingEvents();
        ConnectionParser parser = new ConnectionParser(ends, "tcp test", names, events, limits);
        for (Step s : steps) {
            feed(parser, s, 0, s.bytes() == null ? 0 : s.bytes().length);
        }
        parser.end(time(steps.size() + 1));
        return events;
    }

    /** Runs the script with each step's bytes delivered in the pieces the chopper chooses. */
    RecordingEvents runChopped(Chopper chopper) {
        RecordingEvents events = new RecordingEvents();
        ConnectionParser parser = new ConnectionParser(ENDS, "tcp test", ip -> null, events, HttpLimits.DEFAULT);
        int index = 0;
        for (Step s : steps) {
            if (s.bytes() == null) {
                parser.gap(s.fromClient(), s.packet(), time(s.packet()), s.gap());
                continue;
            }
            int from = 0;
            for (int cut : chopper.cuts(index++, s.bytes().length)) {
                feed(parser, s, from, cut - from);
                from = cut;
            }
            feed(parser, s, from, s.bytes().length - from);
        }
        parser.end(time(steps.size() + 1));
        return events;
    }

    /** Chooses where to cut one step's bytes: increasing positions inside it. */
    interface Chopper {
        int[] cuts(int step, int length);
    }

    private static void feed(ConnectionParser parser, Step s, int from, int len) {
        if (s.bytes() == null) {
            parser.gap(s.fromClient(), s.packet(), time(s.packet()), s.gap());
        } else if (len > 0) {
            byte[] copy = new byte[len + 6];
            System.arraycopy(s.bytes(), from, copy, 3, len);
            parser.data(s.fromClient(), s.packet(), time(s.packet()), copy, 3, len);
            java.util.Arrays.fill(copy, (byte) 'X');
        }
    }
}
