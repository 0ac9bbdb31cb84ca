package org.telltale.formats.pcap;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Reads IPv4 and IPv6 headers (extension headers included) and hands fragments to the defragmenter. */
final class IpLayer {
    private static final int MAX_EXTENSION_HEADERS = 16;

    private final Defragmenter defragmenter = new Defragmenter();
    // Reused for every packet (a datagram's addresses are only valid during the call), since two
    // fresh arrays per packet were a measurable share of the reading.
    private final byte[] source4 = new byte[4];
    private final byte[] destination4 = new byte[4];
    private final byte[] source16 = new byte[16];
    private final byte[] destination16 = new byte[16];

    /** Reports a bad packet; the reading goes on. */
    interface Problems {
        void problem(String message);
    }

    long droppedFragments() {
        return defragmenter.dropped();
    }

    /**
     * The datagram in {@code f} from {@code off}, or null when it is not IP, is damaged (reported) or
     * is a fragment of a datagram not yet complete. The datagram's address arrays are reused by the
     * next call: a caller that keeps an address copies it.
     *
     * @param cut whether the snapshot length cut this frame, so a short packet is expected
     */
    IpDatagram parse(byte[] f, int off, int len, boolean cut, Instant time, Problems problems) {
        if (len - off < 1) {
            return null;
        }
        int version = (f[off] & 0xFF) >> 4;
        if (version == 4) {
            return ipv4(f, off, len, cut, time, problems);
        }
        if (version == 6) {
            return ipv6(f, off, len, cut, time, problems);
        }
        problems.problem("IP version " + version + " is not IPv4 or IPv6");
        return null;
    }

    private IpDatagram ipv4(byte[] f, int off, int len, boolean cut, Instant time, Problems problems) {
        int available = len - off;
        int headerLength = (f[off] & 0x0F) * 4;
        if (available < 20 || headerLength < 20 || headerLength > available) {
            problems.problem("IPv4 header truncated or invalid");
            return null;
        }
        int total = Bytes.uint16(f, off + 2);
        if (total == 0) {
            total = available; // segmentation offload leaves the length zero
        }
        if (total < headerLength) {
            problems.problem("IPv4 total length " + total + " shorter than its header");
            return null;
        }
        int missing = 0;
        if (total > available) {
            if (!cut) {
                problems.problem("IPv4 total length " + total + " exceeds the " + available + " bytes captured");
            }
            missing = total - available;
            total = available;
        }
        byte[] src = source4;
        byte[] dst = destination4;
        System.arraycopy(f, off + 12, src, 0, 4);
        System.arraycopy(f, off + 16, dst, 0, 4);
        int protocol = f[off + 9] & 0xFF;
        int flags = Bytes.uint16(f, off + 6);
        boolean more = (flags & 0x2000) != 0;
        int fragmentOffset = (flags & 0x1FFF) * 8;
        int payload = off + headerLength;
        int payloadLength = total - headerLength;
        if (more || fragmentOffset > 0) {
            if (missing > 0) {
                problems.problem("IPv4 fragment cut by the snapshot length; its datagram is lost");
                return null;
            }
            ByteBuffer key = ByteBuffer.allocate(11).put(src).put(dst).putShort((short) Bytes.uint16(f, off + 4))
                    .put((byte) protocol);
            byte[] whole = defragmenter.add(key.flip(), fragmentOffset, more, f, payload, payloadLength, time);
            return whole == null ? null : new IpDatagram(src, dst, protocol, whole, 0, whole.length, 0);
        }
        return new IpDatagram(src, dst, protocol, f, payload, payloadLength, missing);
    }

    private IpDatagram ipv6(byte[] f, int off, int len, boolean cut, Instant time, Problems problems) {
        int available = len - off;
        if (available < 40) {
            problems.problem("IPv6 header truncated");
            return null;
        }
        int payloadLength = Bytes.uint16(f, off + 4);
        int end = off + 40 + payloadLength;
        int missing = 0;
        if (payloadLength == 0) {
            end = len; // jumbogram or offload: take what was captured
        } else if (end > len) {
            if (!cut) {
                problems.problem("IPv6 payload length " + payloadLength + " exceeds the bytes captured");
            }
            missing = end - len;
            end = len;
        }
        byte[] src = source16;
        byte[] dst = destination16;
        System.arraycopy(f, off + 8, src, 0, 16);
        System.arraycopy(f, off + 24, dst, 0, 16);
        int next = f[off + 6] & 0xFF;
        int at = off + 40;
        for (int count = 0; ; count++) {
            if (count > MAX_EXTENSION_HEADERS) {
                problems.problem("IPv6 extension header chain too long");
                return null;
            }
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    if (at + 8 > end) {
                        problems.problem("IPv6 extension header truncated");
                        return null;
                    }
                    int size = ((f[at + 1] & 0xFF) + 1) * 8;
                    next = f[at] & 0xFF;
                    at += size;
                }
                case 51 -> {
                    if (at + 8 > end) {
                        problems.problem("IPv6 authentication header truncated");
                        return null;
                    }
                    int size = ((f[at + 1] & 0xFF) + 2) * 4;
                    next = f[at] & 0xFF;
                    at += size;
                }
                case 44 -> {
                    if (at + 8 > end) {
                        problems.problem("IPv6 fragment header truncated");
                        return null;
                    }
                    if (missing > 0) {
                        problems.problem("IPv6 fragment cut by the snapshot length; its datagram is lost");
                        return null;
                    }
                    int protocol = f[at] & 0xFF;
                    int word = Bytes.uint16(f, at + 2);
                    int fragmentOffset = word & 0xFFF8;
                    boolean more = (word & 1) != 0;
                    ByteBuffer key = ByteBuffer.allocate(37).put(src).put(dst).putInt(Bytes.int32(f, at + 4))
                            .put((byte) protocol);
                    byte[] whole = defragmenter.add(key.flip(), fragmentOffset, more, f, at + 8, end - at - 8, time);
                    return whole == null ? null : new IpDatagram(src, dst, protocol, whole, 0, whole.length, 0);
                }
                default -> {
                    if (at > end) {
                        problems.problem("IPv6 extension headers run past the packet");
                        return null;
                    }
                    return new IpDatagram(src, dst, next, f, at, end - at, missing);
                }
            }
        }
    }
}
