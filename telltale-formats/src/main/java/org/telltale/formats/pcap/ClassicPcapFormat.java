package org.telltale.formats.pcap;

import java.io.IOException;
import java.time.Instant;

import org.telltale.api.CaptureException;

/** Reads the classic libpcap format: either byte order, microsecond or nanosecond timestamps. */
final class ClassicPcapFormat {
    /** A record larger than this is damage, not a packet (jumbo frames and USB captures stay far below). */
    static final int MAX_RECORD = 16 << 20;

    private ClassicPcapFormat() {
    }

    /** Whether these four bytes open a classic pcap file. */
    static boolean isMagic(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        int be = Bytes.int32(head, 0, true);
        int le = Bytes.int32(head, 0, false);
        return be == 0xA1B2C3D4 || be == 0xA1B23C4D || le == 0xA1B2C3D4 || le == 0xA1B23C4D;
    }

    static void read(CaptureInput in, FrameSink sink) throws IOException, CaptureException {
        byte[] header = new byte[24];
        if (in.read(header, 0, 24) < 24) {
            throw new CaptureException("byte 0", "the file is too short for a pcap header");
        }
        boolean bigEndian;
        if (Bytes.int32(header, 0, true) == 0xA1B2C3D4 || Bytes.int32(header, 0, true) == 0xA1B23C4D) {
            bigEndian = true;
        } else if (Bytes.int32(header, 0, false) == 0xA1B2C3D4 || Bytes.int32(header, 0, false) == 0xA1B23C4D) {
            bigEndian = false;
        } else {
            throw new CaptureException("byte 0", "not a pcap file (unknown magic number)");
        }
        boolean nanos = Bytes.int32(header, 0, bigEndian) == 0xA1B23C4D;
        // The upper bits of the link type field carry FCS information, not the type.
        int linkType = Bytes.int32(header, 20, bigEndian) & 0xFFFF;
        long number = 0;
        while (true) {
            long at = in.position();
            int r = in.window(16);
            if (r < 0) {
                if (in.position() < in.size()) {
                    throw new CaptureException("byte " + at, "the file ends inside a packet record header");
                }
                return;
            }
            number++;
            byte[] record = in.array();
            long seconds = Bytes.int32(record, r, bigEndian) & 0xFFFFFFFFL;
            long fraction = Bytes.int32(record, r + 4, bigEndian) & 0xFFFFFFFFL;
            long captured = Bytes.int32(record, r + 8, bigEndian) & 0xFFFFFFFFL;
            long wire = Bytes.int32(record, r + 12, bigEndian) & 0xFFFFFFFFL;
            if (captured > MAX_RECORD) {
                throw new CaptureException("byte " + at, "packet " + number + " claims an absurd length of "
                        + captured + " bytes");
            }
            in.advance(16);
            int d = in.window((int) captured);
            if (d < 0) {
                throw new CaptureException("byte " + in.size(), "the file ends inside packet " + number);
            }
            byte[] data = in.array();
            in.advance((int) captured);
            long nanosOfSecond = nanos ? fraction : fraction * 1000;
            if (nanosOfSecond >= 1_000_000_000L) {
                sink.diagnostic("packet " + number, "timestamp fraction out of range");
                nanosOfSecond = 0;
            }
            Instant time = Instant.ofEpochSecond(seconds, nanosOfSecond);
            int wireLength = (int) Math.min(Math.max(wire, captured), Integer.MAX_VALUE);
            sink.frame(number, time, linkType, data, d, (int) captured, wireLength);
        }
    }
}
