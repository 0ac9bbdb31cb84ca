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
     * The offset of the IP packet in the frame, or -1 when the frame carries something else (ARP,
     * other protocols) or is too short.
     */
    static int ipOffset(int linkType, byte[] f, int len) {
        return switch (linkType) {
            case RAW, DLT_RAW, DLT_RAW_OPENBSD, IPV4, IPV6 -> len > 0 ? 0 : -1;
            case ETHERNET -> ethernet(f, len);
            case SLL -> len >= 16 && isIp(Bytes.uint16(f, 14)) ? 16 : -1;
            case SLL2 -> len >= 20 && isIp(Bytes.uint16(f, 0)) ? 20 : -1;
            case NULL, LOOP -> loopback(f, len);
            default -> -1;
        };
    }

    private static int ethernet(byte[] f, int len) {
        int at = 12;
        for (int tags = 0; at + 2 <= len; tags++) {
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

    private static int loopback(byte[] f, int len) {
        if (len < 5) {
            return -1;
        }
        // The family is in the capturing host's byte order; the IP version nibble settles it.
        int version = (f[4] & 0xFF) >> 4;
        return version == 4 || version == 6 ? 4 : -1;
    }

    /**
     * The app name from a PCAPdroid trailer (magic, UID, 20-byte name, checksum, appended after the IP
     * packet in an Ethernet frame), or null when the frame has none. {@code ipEnd} is where the IP
     * packet ends, so that bytes of the packet itself are never taken for a trailer.
     */
    static String pcapdroidApp(int linkType, byte[] f, int len, int ipEnd) {
        if (linkType != ETHERNET || len - ipEnd < PCAPDROID_TRAILER) {
            return null;
        }
        int at = len - PCAPDROID_TRAILER;
        if (Bytes.int32(f, at) != PCAPDROID_MAGIC) {
            return null;
        }
        int uid = Bytes.int32(f, at + 4);
        int end = at + 8;
        while (end < at + 28 && f[end] != 0) {
            end++;
        }
        String name = new String(f, at + 8, end - (at + 8), StandardCharsets.UTF_8).strip();
        return name.isEmpty() ? "uid " + uid : name;
    }
}
