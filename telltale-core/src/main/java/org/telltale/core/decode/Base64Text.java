package org.telltale.core.decode;

import java.util.Arrays;

/**
 * A lenient base64 reader for every common dialect: standard and URL-safe alphabets, padded or
 * not, wrapped in lines (MIME). Returns null instead of throwing when the text is not base64.
 */
final class Base64Text {
    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < std.length(); i++) {
            VALUES[std.charAt(i)] = (byte) i;
        }
        VALUES['+'] = 62;
        VALUES['/'] = 63;
        VALUES['-'] = 62;
        VALUES['_'] = 63;
    }

    /** The decoded bytes and whether the URL-safe alphabet was used. */
    record Decoded(byte[] bytes, boolean urlSafe) {
    }

    private Base64Text() {
    }

    static boolean isAlphabet(int b) {
        return VALUES[b & 0xff] >= 0;
    }

    /**
     * Decodes data[from, to). Line breaks are skipped; spaces are read as '+' only when
     * spacesArePlus (a query or form value whose '+' became a space). Null when not base64.
     */
    static Decoded decode(byte[] data, int from, int to, boolean spacesArePlus) {
        while (to > from && Bytes.isWhitespace(data[to - 1])) {
            to--;
        }
        while (from < to && Bytes.isWhitespace(data[from])) {
            from++;
        }
        int padding = 0;
        while (to - padding > from && data[to - padding - 1] == '=' && padding < 3) {
            padding++;
        }
        if (padding > 2) {
            return null;
        }
        byte[] out = new byte[(to - from) * 3 / 4 + 3];
        boolean std = false;
        boolean url = false;
        int acc = 0;
        int bits = 0;
        int chars = 0;
        int n = 0;
        for (int i = from; i < to - padding; i++) {
            int b = data[i] & 0xff;
            if (b == '\r' || b == '\n') {
                continue;
            }
            if (b == ' ' && spacesArePlus) {
                b = '+';
            }
            int v = VALUES[b];
            if (v < 0) {
                return null;
            }
            std |= b == '+' || b == '/';
            url |= b == '-' || b == '_';
            acc = acc << 6 | v;
            bits += 6;
            chars++;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        if (std && url || chars % 4 == 1 || (padding > 0 && (chars + padding) % 4 != 0)) {
            return null;
        }
        return new Decoded(Arrays.copyOf(out, n), url);
    }
}
