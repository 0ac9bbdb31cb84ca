package org.telltale.core.decode;

import java.nio.charset.StandardCharsets;

/** Small byte-level checks shared by the decoders; none of them allocates. */
final class Bytes {
    /** How far sniffing looks into a payload, so that fit() stays cheap on big bodies. */
    static final int SNIFF = 64;

    private Bytes() {
    }

    /** gzip's magic number and deflate method, 1f 8b 08. */
    static boolean isGzipMagic(byte[] data) {
        return data.length >= 3 && data[0] == 0x1f && data[1] == (byte) 0x8b && data[2] == 0x08;
    }

    /** A Zstandard frame's magic number, 28 b5 2f fd. */
    static boolean isZstdMagic(byte[] data) {
        return data.length >= 4 && data[0] == 0x28 && data[1] == (byte) 0xb5 && data[2] == 0x2f
                && data[3] == (byte) 0xfd;
    }

    static boolean startsWithAscii(byte[] data, int from, String prefix) {
        if (data.length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isHexDigit(int b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Index of the first byte that is not whitespace, or data.length. */
    static int skipWhitespace(byte[] data, int from) {
        int i = from;
        while (i < data.length && isWhitespace(data[i])) {
            i++;
        }
        return i;
    }

    /** The first non-whitespace byte, or -1 when there is none. */
    static int firstNonWhitespace(byte[] data) {
        int i = skipWhitespace(data, 0);
        return i < data.length ? data[i] & 0xff : -1;
    }

    static int indexOf(byte[] data, int b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String utf8(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the first few bytes are printable ASCII or common whitespace (cheap text sniff). */
    static boolean headLooksLikeText(byte[] data) {
        int end = Math.min(data.length, SNIFF);
        for (int i = 0; i < end; i++) {
            int b = data[i] & 0xff;
            if (b < 0x20 && !isWhitespace(b) || b == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
