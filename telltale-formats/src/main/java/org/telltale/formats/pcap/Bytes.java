package org.telltale.formats.pcap;

/** Reads big- and little-endian integers from byte arrays; callers check the bounds. */
final class Bytes {
    private Bytes() {
    }

    static int uint8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int uint16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int uint16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? uint16(b, at) : ((b[at + 1] & 0xFF) << 8) | (b[at] & 0xFF);
    }

    static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static int int32(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? int32(b, at)
                : ((b[at + 3] & 0xFF) << 24) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at] & 0xFF);
    }

    static long uint32(byte[] b, int at, boolean bigEndian) {
        return int32(b, at, bigEndian) & 0xFFFFFFFFL;
    }
}
