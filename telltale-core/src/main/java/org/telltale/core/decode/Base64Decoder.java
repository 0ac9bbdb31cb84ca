package org.telltale.core.decode;

import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * base64 in its common dialects: standard ("base64"), URL-safe ("base64url"), unpadded, wrapped in
 * lines. Only text that plausibly is base64 is tried (not a plain word, number or hex string), and
 * the result is kept only when it looks like something (see {@link Plausible}).
 */
final class Base64Decoder implements Decoder {
    private static final int MIN_LENGTH = 8;

    @Override
    public String name() {
        return "base64";
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        if (d.length < MIN_LENGTH) {
            return -1;
        }
        boolean spaces = spacesArePlus(payload);
        int end = Math.min(d.length, Bytes.SNIFF);
        for (int i = 0; i < end; i++) {
            int b = d[i];
            if (!Base64Text.isAlphabet(b) && b != '=' && b != '\r' && b != '\n' && !(b == ' ' && spaces)) {
                return -1;
            }
        }
        return Fits.BASE64;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        if (plainWordNumberOrHex(d)) {
            return List.of();
        }
        Base64Text.Decoded decoded = Base64Text.decode(d, 0, d.length, spacesArePlus(payload));
        if (decoded == null || !Plausible.decoded(decoded.bytes())) {
            return List.of();
        }
        return List.of(payload.child(decoded.urlSafe() ? "base64url" : "base64", decoded.bytes()));
    }

    /** After a query or form layer, an unescaped '+' arrives as a space. */
    private static boolean spacesArePlus(Payload payload) {
        String last = payload.lastStep();
        return last != null && (last.startsWith("query:") || last.startsWith("form:"));
    }

    /** Hex digits only (numbers included), or letters of one case without digits: an id, a number or a word. */
    private static boolean plainWordNumberOrHex(byte[] d) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean hexOnly = true;
        for (byte b : d) {
            lower |= b >= 'a' && b <= 'z';
            upper |= b >= 'A' && b <= 'Z';
            digit |= b >= '0' && b <= '9';
            hexOnly &= Bytes.isHexDigit(b);
        }
        return hexOnly || !digit && !(lower && upper);
    }
}
