package org.telltale.formats.pcap;

import java.nio.charset.StandardCharsets;

/** Finds the IP packet inside a link-layer frame, and the app name PCAPdroid may append after it. */
final class LinkLayer {
    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int DLT_RAW = 12;
    static final int DLT_RAW_OPENBSD = 14;
    static final int RAW = 101;
    static final int LOOP = 108;
    static final int SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int SLL2 = 276;
    private static final int PCAPDROID_MAGIC = 0x01072021;
    private static final int PCAPDROID_TRAILER = 32;
    private static final int MAX_VLAN_TAGS = 4;

    private LinkLayer() {
    }

    /** Whether Telltale reads frames of this link type. */
    static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, DLT_RAW, DLT_RAW_OPENBSD, RAW, LOOP, SLL, IPV4, IPV6, SLL2 -> true;
            default -> false;
        };
    }

    /**
     * The index of the IP packet in the frame held at [start, end) of {@code f}, or -1 when the frame
     * carries something else (ARP, other protocols) or is too short.
     */
    static int ipOffset(int linkType, byte[] f, int start, int end) {
        return switch (linkType) {
            case RAW, DLT_RAW, DLT_RAW_OPENBSD, IPV4, IPV6 -> end > start ? start : -1;
            case ETHERNET -> ethernet(f, start, end);
            case SLL -> end - start >= 16 && isIp(Bytes.uint16(f, start + 14)) ? start + 16 : -1;
            case SLL2 -> end - start >= 20 && isIp(Bytes.uint16(f, start)) ? start + 20 : -1;
            case NULL, LOOP -> loopback(f, start, end);
            default -> -1;
        };
    }

    private static int ethernet(byte[] f, int start, int end) {
        int at = start + 12;
        for (int tags = 0; at + 2 <= end; tags++) {
            int type = Bytes.uint16(f, at);
            if (isIp(type)) {
                return at + 2;
            }
            boolean vlan = type == 0x8100 || type == 0x88A8 || type == 0x9100;
            if (!vlan || tags == MAX_VLAN_TAGS) {
                return -1;
            }
            at += 4;
        }
        return -1;
    }

    private static boolean isIp(int etherType) {
        return etherType == 0x0800 || etherType == 0x86DD;
    }

    private static int loopback(byte[] f, int start, int end) {
        if (end - start < 5) {
            return -1;
        }
        // The family is in the capturing host's byte order; the IP version nibble settles it.
        int version = (f[start + 4] & 0xFF) >> 4;
        return version == 4 || version == 6 ? start + 4 : -1;
    }

    /**
     * The app name from a PCAPdroid trailer (magic, UID, 20-byte name, checksum, appended after the IP
     * packet in an Ethernet frame), or null when the frame has none. The frame ends at {@code end};
     * {@code ipEnd} is where the IP packet ends, so that bytes of the packet itself are never taken
     * for a trailer.
     */
    static String pcapdroidApp(int linkType, byte[] f, int end, int ipEnd) {
        if (linkType != ETHERNET || end - ipEnd < PCAPDROID_TRAILER) {
            return null;
        }
        int at = end - PCAPDROID_TRAILER;
        if (Bytes.int32(f, at) != PCAPDROID_MAGIC) {
            return null;
        }
        int uid = Bytes.int32(f, at + 4);
        int nameEnd = at + 8;
        while (nameEnd < at + 28 && f[nameEnd] != 0) {
            nameEnd++;
        }
        String name = new String(f, at + 8, nameEnd - (at + 8), StandardCharsets.UTF_8).strip();
        return name.isEmpty() ? "uid " + uid : name;
    }
}
