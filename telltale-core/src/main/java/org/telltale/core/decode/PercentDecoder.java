package org.telltale.core.decode;

import java.util.Arrays;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Percent-encoding still present after the URL or form layer decoded once (values encoded twice or
 * more). Each application peels one level; the walker's recursion peels the rest.
 */
final class PercentDecoder implements Decoder {
    /** How much of the end is also sniffed for an escape. */
    private static final int TAIL = 12;

    @Override
    public String name() {
        return "percent";
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        // Escaped base64 padding ("%3D%3D") sits at the very end of otherwise plain text.
        boolean escaped = PercentCodec.hasEscape(d, 0, Math.min(d.length, 4 * Bytes.SNIFF))
                || PercentCodec.hasEscape(d, Math.max(0, d.length - TAIL), d.length);
        return escaped && headIsAscii(d) ? Fits.PERCENT : -1;
    }

    /** Percent-encoding leaves no byte above 0x7e unescaped, so binary that holds a "%41" is not it. */
    private static boolean headIsAscii(byte[] d) {
        int end = Math.min(d.length, Bytes.SNIFF);
        for (int i = 0; i < end; i++) {
            int b = d[i];
            if (b < 0x20 && !Bytes.isWhitespace(b) || b >= 0x7f || b < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        byte[] out = PercentCodec.decode(d, 0, d.length, false);
        if (Arrays.equals(out, d)) {
            return List.of();
        }
        return List.of(payload.child(name(), out));
    }
}
