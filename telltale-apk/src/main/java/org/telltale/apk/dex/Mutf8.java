package org.telltale.apk.dex;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the Modified UTF-8 a DEX stores its strings in: UTF-8, except that U+0000 is written as the
 * two bytes C0 80 (so a zero byte ends the string) and a character outside the BMP is written as its
 * two UTF-16 surrogates, three bytes each, which decode back to the pair Java wants. Bytes that
 * follow neither rule (a hostile file) become U+FFFD, as they cannot name anything real.
 */
final class Mutf8 {
    private Mutf8() {
    }

    /**
     * The string starting at {@code at}: up to its zero byte, the end, or {@code maxBytes} bytes,
     * whichever comes first (a string cut at the limit stays cut). The declared UTF-16 length before
     * the bytes is not trusted: it may lie.
     */
    static String decode(byte[] data, int at, int end, int maxBytes) {
        int limit = (int) Math.min(end, (long) at + maxBytes);
        int stop = at;
        boolean ascii = true;
        while (stop < limit && data[stop] != 0) {
            ascii &= data[stop] > 0;
            stop++;
        }
        return ascii ? new String(data, at, stop - at, StandardCharsets.ISO_8859_1) : decodeRange(data, at, stop);
    }

    /** Bytes {@code at} to {@code stop}, holding no zero byte and at least one above 0x7f. */
    private static String decodeRange(byte[] data, int at, int stop) {
        char[] out = new char[stop - at];
        int n = 0;
        int i = at;
        while (i < stop) {
            int b = data[i] & 0xff;
            if (b < 0x80) {
                out[n++] = (char) b;
                i++;
            } else if ((b & 0xe0) == 0xc0 && i + 1 < stop && isContinuation(data[i + 1])) {
                out[n++] = (char) (((b & 0x1f) << 6) | (data[i + 1] & 0x3f));
                i += 2;
            } else if ((b & 0xf0) == 0xe0 && i + 2 < stop && isContinuation(data[i + 1]) && isContinuation(data[i + 2])) {
                out[n++] = (char) (((b & 0x0f) << 12) | ((data[i + 1] & 0x3f) << 6) | (data[i + 2] & 0x3f));
                i += 3;
            } else {
                out[n++] = '\ufffd';
                i++;
            }
        }
        return new String(out, 0, n);
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
