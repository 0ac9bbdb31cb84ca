package org.telltale.testkit.pcap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/** Writes a classic pcap file: either byte order, microsecond or nanosecond timestamps, a snapshot length. */
public final class PcapFileWriter {
    private final OutputStream out;
    private final ByteOrder order;
    private final boolean nanos;
    private final int snaplen;

    /** Writes the file header at once. */
    public PcapFileWriter(OutputStream out, int linkType, ByteOrder order, boolean nanos, int snaplen)
            throws IOException {
        this.out = out;
        this.order = order;
        this.nanos = nanos;
        this.snaplen = snaplen;
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snaplen).putInt(linkType);
        out.write(h.array());
    }

    /** A little-endian microsecond file with a 256 KiB snapshot length. */
    public PcapFileWriter(OutputStream out, int linkType) throws IOException {
        this(out, linkType, ByteOrder.LITTLE_ENDIAN, false, 262144);
    }

    /** One record; a frame longer than the snapshot length is cut, as a capture tool would. */
    public void write(Instant time, byte[] frame) throws IOException {
        int caplen = Math.min(frame.length, snaplen);
        ByteBuffer r = ByteBuffer.allocate(16).order(order);
        r.putInt((int) time.getEpochSecond()).putInt(nanos ? time.getNano() : time.getNano() / 1000)
                .putInt(caplen).putInt(frame.length);
        out.write(r.array());
        out.write(frame, 0, caplen);
    }
}
