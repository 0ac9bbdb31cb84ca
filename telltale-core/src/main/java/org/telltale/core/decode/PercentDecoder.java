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
    @Override
    public String name() {
        return "percent";
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        boolean escaped = PercentCodec.hasEscape(d, 0, Math.min(d.length, 4 * Bytes.SNIFF));
        return escaped && Bytes.headLooksLikeText(d) ? Fits.PERCENT : -1;
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
