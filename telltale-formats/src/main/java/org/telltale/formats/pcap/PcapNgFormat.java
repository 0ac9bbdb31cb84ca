package org.telltale.formats.pcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.CaptureException;

/**
 * Reads pcapng: sections in either byte order, interfaces with their link type and timestamp
 * resolution, enhanced, simple and obsolete packet blocks, name resolution and decryption secrets.
 * Unknown blocks are skipped by their length.
 */
final class PcapNgFormat {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int NAME_RESOLUTION = 4;
    private static final int ENHANCED_PACKET = 6;
    private static final int DECRYPTION_SECRETS = 10;
    private static final int TLS_KEY_LOG = 0x544c534b;
    /** Larger blocks are damage: the format's own guidance caps them at 16 MiB. */
    static final int MAX_BLOCK = 16 << 20;
    private static final int MAX_INTERFACES = 4096;
    private static final int MAX_SECRETS = 4 << 20;

    private final CaptureInput in;
    private final FrameSink sink;
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean bigEndian;
    private byte[] body = new byte[65536];
    private long number;
    private Instant lastTime;

    /** What an interface description block says about the packets that refer to it. */
    private record Interface(int linkType, int snaplen, boolean binary, int exponent, long offsetSeconds) {
    }

    private PcapNgFormat(CaptureInput in, FrameSink sink) {
        this.in = in;
        this.sink = sink;
    }

    /** Whether these bytes open a pcapng file. */
    static boolean isMagic(byte[] head) {
        return head.length >= 4 && Bytes.int32(head, 0, true) == SECTION_HEADER;
    }

    static void read(CaptureInput in, FrameSink sink) throws IOException, CaptureException {
        new PcapNgFormat(in, sink).readBlocks();
    }

    private void readBlocks() throws IOException, CaptureException {
        byte[] head = new byte[12];
        boolean first = true;
        while (true) {
            long at = in.position();
            int got = in.read(head, 0, 8);
            if (got == 0) {
                return;
            }
            if (got < 8) {
                throw new CaptureException("byte " + at, "the file ends inside a block header");
            }
            int type = Bytes.int32(head, 0, bigEndian);
            if (Bytes.int32(head, 0, true) == SECTION_HEADER) {
                if (in.read(head, 8, 4) < 4) {
                    throw new CaptureException("byte " + at, "the file ends inside a section header");
                }
                if (Bytes.int32(head, 8, true) == BYTE_ORDER_MAGIC) {
                    bigEndian = true;
                } else if (Bytes.int32(head, 8, false) == BYTE_ORDER_MAGIC) {
                    bigEndian = false;
                } else {
                    throw new CaptureException("byte " + (at + 8), "section header with an unknown byte-order magic");
                }
                type = SECTION_HEADER;
            } else if (first) {
                throw new CaptureException("byte 0", "not a pcapng file (no section header first)");
            }
            first = false;
            long length = Bytes.uint32(head, 4, bigEndian);
            if (length < 12 || length % 4 != 0 || length > MAX_BLOCK) {
                throw new CaptureException("byte " + at, "block of type " + type + " has an impossible length "
                        + length);
            }
            int already = type == SECTION_HEADER ? 4 : 0;
            int bodyLength = (int) length - 12;
            if (body.length < bodyLength + 4) {
                body = new byte[bodyLength + 4];
            }
            if (already > 0) {
                System.arraycopy(head, 8, body, 0, 4);
            }
            int rest = bodyLength + 4 - already;
            if (in.read(body, already, rest) < rest) {
                throw new CaptureException("byte " + at, "block of " + length + " bytes runs past the end of the file");
            }
            if (Bytes.uint32(body, bodyLength, bigEndian) != length) {
                throw new CaptureException("byte " + (at + length - 4), "block length at the end does not match");
            }
            block(type, bodyLength);
        }
    }

    private void block(int type, int len) {
        switch (type) {
            case SECTION_HEADER -> interfaces.clear();
            case INTERFACE -> interfaceBlock(len);
            case ENHANCED_PACKET -> packet(len, true);
            case OBSOLETE_PACKET -> packet(len, false);
            case SIMPLE_PACKET -> simplePacket(len);
            case NAME_RESOLUTION -> names(len);
            case DECRYPTION_SECRETS -> secrets(len);
            default -> {
                // custom, statistics, journal and other blocks carry nothing Telltale needs
            }
        }
    }

    private void interfaceBlock(int len) {
        if (len < 8) {
            sink.diagnostic("interface " + interfaces.size(), "interface block too short");
            return;
        }
        int linkType = Bytes.uint16(body, 0, bigEndian);
        int snaplen = (int) Math.min(Bytes.uint32(body, 4, bigEndian), Integer.MAX_VALUE);
        boolean binary = false;
        int exponent = 6;
        long offset = 0;
        for (int at = 8; at + 4 <= len; ) {
            int code = Bytes.uint16(body, at, bigEndian);
            int size = Bytes.uint16(body, at + 2, bigEndian);
            if (code == 0 || at + 4 + size > len) {
                break;
            }
            if (code == 9 && size >= 1) {
                int v = body[at + 4] & 0xFF;
                binary = (v & 0x80) != 0;
                exponent = v & 0x7F;
                if (binary ? exponent > 62 : exponent > 18) {
                    sink.diagnostic("interface " + interfaces.size(), "unusable timestamp resolution " + v
                            + ", assuming microseconds");
                    binary = false;
                    exponent = 6;
                }
            } else if (code == 14 && size >= 8) {
                if (bigEndian) {
                    offset = ((long) Bytes.int32(body, at + 4, true) << 32) | Bytes.uint32(body, at + 8, true);
                } else {
                    offset = ((long) Bytes.int32(body, at + 8, false) << 32) | Bytes.uint32(body, at + 4, false);
                }
            }
            at += 4 + (size + 3) / 4 * 4;
        }
        if (interfaces.size() < MAX_INTERFACES) {
            interfaces.add(new Interface(linkType, snaplen, binary, exponent, offset));
        }
    }

    private void packet(int len, boolean enhanced) {
        number++;
        String origin = "packet " + number;
        if (len < 20) {
            sink.diagnostic(origin, "packet block too short");
            return;
        }
        int iface = enhanced ? (int) Bytes.uint32(body, 0, bigEndian) : Bytes.uint16(body, 0, bigEndian);
        long high = Bytes.uint32(body, 4, bigEndian);
        long low = Bytes.uint32(body, 8, bigEndian);
        long captured = Bytes.uint32(body, 12, bigEndian);
        long wire = Bytes.uint32(body, 16, bigEndian);
        if (iface >= interfaces.size()) {
            sink.diagnostic(origin, "refers to interface " + iface + ", which the section does not describe");
            return;
        }
        if (captured > len - 20) {
            sink.diagnostic(origin, "captured length " + captured + " exceeds its block");
            return;
        }
        Interface i = interfaces.get(iface);
        Instant time = time(i, (high << 32) | low);
        lastTime = time;
        System.arraycopy(body, 20, body, 0, (int) captured);
        sink.frame(number, time, i.linkType(), body, 0, (int) captured, (int) Math.min(Math.max(wire, captured),
                Integer.MAX_VALUE));
    }

    private void simplePacket(int len) {
        number++;
        String origin = "packet " + number;
        if (len < 4 || interfaces.isEmpty()) {
            sink.diagnostic(origin, "simple packet block without an interface or too short");
            return;
        }
        Interface i = interfaces.get(0);
        long wire = Bytes.uint32(body, 0, bigEndian);
        int captured = (int) Math.min(Math.min(wire, len - 4), i.snaplen() > 0 ? i.snaplen() : Integer.MAX_VALUE);
        System.arraycopy(body, 4, body, 0, captured);
        // A simple packet has no timestamp: the last known one keeps the flow times close.
        sink.frame(number, lastTime, i.linkType(), body, 0, captured, (int) Math.min(Math.max(wire, captured),
                Integer.MAX_VALUE));
    }

    private static Instant time(Interface i, long units) {
        long seconds;
        long nanos;
        if (i.binary()) {
            int n = i.exponent();
            seconds = units >>> n;
            long fraction = n == 0 ? 0 : units & ((1L << n) - 1);
            nanos = (long) (fraction / (double) (1L << n) * 1e9);
        } else {
            long divisor = pow10(i.exponent());
            seconds = Long.divideUnsigned(units, divisor);
            long rest = Long.remainderUnsigned(units, divisor);
            nanos = i.exponent() <= 9 ? rest * pow10(9 - i.exponent()) : rest / pow10(i.exponent() - 9);
        }
        return Instant.ofEpochSecond(seconds + i.offsetSeconds(), Math.min(nanos, 999_999_999L));
    }

    private static long pow10(int n) {
        long v = 1;
        for (int k = 0; k < n; k++) {
            v *= 10;
        }
        return v;
    }

    private void names(int len) {
        for (int at = 0; at + 4 <= len; ) {
            int type = Bytes.uint16(body, at, bigEndian);
            int size = Bytes.uint16(body, at + 2, bigEndian);
            if (type == 0 || at + 4 + size > len) {
                return;
            }
            int addressLength = type == 1 ? 4 : type == 2 ? 16 : -1;
            if (addressLength > 0 && size > addressLength) {
                String ip = IpText.format(body, at + 4, addressLength);
                int start = at + 4 + addressLength;
                int end = start;
                while (end < at + 4 + size && body[end] != 0) {
                    end++;
                }
                if (end > start) {
                    sink.hostName(ip, new String(body, start, end - start, StandardCharsets.UTF_8));
                }
            }
            at += 4 + (size + 3) / 4 * 4;
        }
    }

    private void secrets(int len) {
        if (len < 8) {
            sink.diagnostic("block", "decryption secrets block too short");
            return;
        }
        long type = Bytes.uint32(body, 0, bigEndian);
        long size = Bytes.uint32(body, 4, bigEndian);
        if (size > len - 8 || size > MAX_SECRETS) {
            sink.diagnostic("block", "decryption secrets longer than their block");
            return;
        }
        if (type == TLS_KEY_LOG) {
            sink.tlsSecrets(new String(body, 8, (int) size, StandardCharsets.UTF_8));
        }
    }
}
