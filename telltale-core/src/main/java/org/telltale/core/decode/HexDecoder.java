package org.telltale.core.decode;

import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Hex text (even length, at least 16 digits, nothing else), kept only when the bytes look like
 * something (see {@link Plausible}): hashes and random ids stay leaves.
 */
final class HexDecoder implements Decoder {
    private static final int MIN_LENGTH = 16;

    @Override
    public String name() {
        return "hex";
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        if (d.length < MIN_LENGTH || d.length % 2 != 0) {
            return -1;
        }
        int end = Math.min(d.length, Bytes.SNIFF);
        for (int i = 0; i < end; i++) {
            if (!Bytes.isHexDigit(d[i])) {
                return -1;
            }
        }
        return Fits.HEX;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        byte[] out = new byte[d.length / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Bytes.hexValue(d[2 * i]);
            int lo = Bytes.hexValue(d[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return List.of();
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return Plausible.decoded(out) ? List.of(payload.child(name(), out)) : List.of();
    }
}
