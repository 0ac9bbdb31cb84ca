package org.telltale.testkit.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes pcapng blocks: sections, interfaces, packets (enhanced, simple, obsolete), names, TLS secrets. */
public final class PcapNgFileWriter {
    private final OutputStream out;
    private ByteOrder order;

    public PcapNgFileWriter(OutputStream out) {
        this.out = out;
        this.order = ByteOrder.LITTLE_ENDIAN;
    }

    /** Starts a section in this byte order; interfaces are numbered from 0 again. */
    public PcapNgFileWriter section(ByteOrder byteOrder) throws IOException {
        order = byteOrder;
        ByteBuffer b = body(16);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(0x0A0D0D0A, b.array(), comment("written by the Telltale testkit"));
    }

    /**
     * An interface; {@code tsresol} is the if_tsresol option byte (6 for microseconds, 9 for nanoseconds,
     * 0x80 | n for 2^-n seconds) or -1 to leave it out (microseconds).
     */
    public PcapNgFileWriter interfaceBlock(int linkType, int snaplen, int tsresol) throws IOException {
        ByteBuffer b = body(8);
        b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        byte[] options = tsresol < 0 ? endOfOptions() : concat(option(9, new byte[]{(byte) tsresol}), endOfOptions());
        return block(1, b.array(), options);
    }

    /** An enhanced packet block; {@code units} is the timestamp in the interface's resolution. */
    public PcapNgFileWriter enhancedPacket(int iface, long units, byte[] frame, int originalLength, String comment)
            throws IOException {
        ByteBuffer b = body(20);
        b.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units).putInt(frame.length).putInt(originalLength);
        return block(6, concat(b.array(), padded(frame)), comment == null ? new byte[0] : comment(comment));
    }

    /** An enhanced packet block with a microsecond timestamp. */
    public PcapNgFileWriter enhancedPacket(int iface, Instant time, byte[] frame) throws IOException {
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
        return enhancedPacket(iface, micros, frame, frame.length, null);
    }

    /** A simple packet block (interface 0, no timestamp). */
    public PcapNgFileWriter simplePacket(byte[] frame) throws IOException {
        ByteBuffer b = body(4);
        b.putInt(frame.length);
        return block(3, concat(b.array(), padded(frame)), new byte[0]);
    }

    /** The obsolete packet block (type 2), which older tools wrote. */
    public PcapNgFileWriter obsoletePacket(int iface, Instant time, byte[] frame) throws IOException {
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
        ByteBuffer b = body(20);
        b.putShort((short) iface).putShort((short) 0).putInt((int) (micros >>> 32)).putInt((int) micros)
                .putInt(frame.length).putInt(frame.length);
        return block(2, concat(b.array(), padded(frame)), new byte[0]);
    }

    /** A name resolution block with one record mapping an IPv4 or IPv6 address to a name. */
    public PcapNgFileWriter nameResolution(String ip, String name) throws IOException {
        byte[] address = IpPackets.address(ip);
        byte[] text = (name + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer r = body(4);
        r.putShort((short) (address.length == 4 ? 1 : 2)).putShort((short) (address.length + text.length));
        byte[] record = concat(r.array(), padded(concat(address, text)));
        return block(4, concat(record, new byte[4]), new byte[0]);
    }

    /** A decryption secrets block holding TLS key log lines. */
    public PcapNgFileWriter decryptionSecrets(String keyLog) throws IOException {
        byte[] data = keyLog.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = body(8);
        b.putInt(0x544c534b).putInt(data.length);
        return block(10, concat(b.array(), padded(data)), new byte[0]);
    }

    /** A block of any type with this body, for blocks a reader should skip. */
    public PcapNgFileWriter rawBlock(int type, byte[] bodyBytes) throws IOException {
        return block(type, padded(bodyBytes), new byte[0]);
    }

    private PcapNgFileWriter block(int type, byte[] fixed, byte[] options) throws IOException {
        int total = 12 + fixed.length + options.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.putInt(type).putInt(total).put(fixed).put(options).putInt(total);
        out.write(b.array());
        return this;
    }

    private ByteBuffer body(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private byte[] comment(String text) {
        return concat(option(1, text.getBytes(StandardCharsets.UTF_8)), endOfOptions());
    }

    private byte[] option(int code, byte[] value) {
        ByteBuffer b = body(4);
        b.putShort((short) code).putShort((short) value.length);
        return concat(b.array(), padded(value));
    }

    private static byte[] endOfOptions() {
        return new byte[4];
    }

    private static byte[] padded(byte[] data) {
        byte[] out = new byte[(data.length + 3) / 4 * 4];
        System.arraycopy(data, 0, out, 0, data.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
