package org.telltale.core.decode;

import java.util.Arrays;

/** Percent-decoding of byte ranges; malformed escapes are kept as they are, as browsers do. */
final class PercentCodec {
    private PercentCodec() {
    }

    /** Decodes data[from, to); plusAsSpace for form and query encoding. */
    static byte[] decode(byte[] data, int from, int to, boolean plusAsSpace) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '%' && i + 2 < to && Bytes.isHexDigit(data[i + 1]) && Bytes.isHexDigit(data[i + 2])) {
                out[n++] = (byte) (Bytes.hexValue(data[i + 1]) << 4 | Bytes.hexValue(data[i + 2]));
                i += 2;
            } else if (b == '+' && plusAsSpace) {
                out[n++] = ' ';
            } else {
                out[n++] = b;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    static String decodeToString(byte[] data, int from, int to, boolean plusAsSpace) {
        byte[] d = decode(data, from, to, plusAsSpace);
        return Bytes.utf8(d, 0, d.length);
    }

    /** Whether data[from, to) holds at least one well-formed %XX escape. */
    static boolean hasEscape(byte[] data, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if (data[i] == '%' && Bytes.isHexDigit(data[i + 1]) && Bytes.isHexDigit(data[i + 2])) {
                return true;
            }
        }
        return false;
    }
}
