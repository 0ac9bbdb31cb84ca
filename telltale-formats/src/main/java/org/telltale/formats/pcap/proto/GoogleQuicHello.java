package org.telltale.formats.pcap.proto;

/**
 * Reads the server name from a Google QUIC client hello (versions Q024 to Q046, used by Chrome and
 * Android until 2020). Unlike IETF QUIC, these versions send the hello in the clear: a "CHLO" tag
 * message (tag count, then tag and end-offset pairs, then the values) in a STREAM frame right
 * after the packet header. The header is not parsed field by field: the version tag settles that
 * the datagram is gQUIC, and the CHLO is looked for in the few bytes after it.
 */
public final class GoogleQuicHello {
    /** Public header flag: the packet carries a version. */
    private static final int FLAG_VERSION = 0x01;
    /** How far after the version the CHLO may start: packet number, hash and frame header. */
    private static final int MAX_HEADER_AFTER_VERSION = 48;
    /** Client hellos carry about 30 tags; more is damage. */
    private static final int MAX_TAGS = 128;
    private static final int MAX_NAME = 255;
    private static final int CHLO = 0x43484C4F;
    private static final int SNI = 0x534E4900;

    private GoogleQuicHello() {
    }

    /**
     * The server name the client hello in this UDP payload asks for, as a {@link ClientHelloInfo}
     * with no ALPN (gQUIC has none), or null when the payload is not a gQUIC client hello.
     */
    public static ClientHelloInfo parse(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len <= 0 || off > buf.length - len) {
            return null;
        }
        int end = off + len;
        int flags = buf[off] & 0xFF;
        if ((flags & FLAG_VERSION) == 0) {
            return null;
        }
        // The version follows an 8-byte connection ID in the old header, or comes first (Q046's long header).
        int version = isVersion(buf, off + 9, end) ? off + 9 : isVersion(buf, off + 1, end) ? off + 1 : -1;
        if (version < 0) {
            return null;
        }
        int from = version + 4;
        int to = Math.min(end - 8, from + MAX_HEADER_AFTER_VERSION);
        for (int p = from; p <= to; p++) {
            if (int32(buf, p) == CHLO) {
                return readTags(buf, p + 4, end);
            }
        }
        return null;
    }

    private static boolean isVersion(byte[] b, int at, int end) {
        return at + 4 <= end && b[at] == 'Q' && digit(b[at + 1]) && digit(b[at + 2]) && digit(b[at + 3]);
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Reads the tag list after "CHLO": count (2 bytes, little-endian), 2 bytes padding, then the pairs. */
    private static ClientHelloInfo readTags(byte[] b, int p, int end) {
        int count = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
        if (count > MAX_TAGS) {
            return null;
        }
        int pairs = p + 4;
        int values = pairs + 8 * count;
        if (values > end) {
            return null;
        }
        long start = 0;
        for (int i = 0; i < count; i++) {
            int at = pairs + 8 * i;
            long stop = Integer.toUnsignedLong(Integer.reverseBytes(int32(b, at + 4)));
            if (stop < start || values + stop > end) {
                return null;
            }
            if (int32(b, at) == SNI) {
                String name = TlsClientHello.printable(b, values + (int) start, (int) (stop - start), MAX_NAME);
                return name == null ? null : new ClientHelloInfo(name, null);
            }
            start = stop;
        }
        return new ClientHelloInfo(null, null);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
