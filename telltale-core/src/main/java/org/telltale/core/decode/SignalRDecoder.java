package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * ASP.NET SignalR's JSON hub protocol: JSON records each ended by the record separator 0x1e, such
 * as {@code {"protocol":"json","version":1}\u001e} and
 * {@code {"type":1,"target":"Send","arguments":[...]}\u001e}. Sniffed from a body that starts with
 * '{' and ends with 0x1e (the separator is a control byte, so the JSON decoder would refuse the
 * whole). Each record becomes "signalr:message[N]" with its span.
 */
final class SignalRDecoder implements Decoder {
    static final String NAME = "signalr";
    private static final byte RS = 0x1e;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        int end = d.length;
        while (end > 0 && Bytes.isWhitespace(d[end - 1])) {
            end--;
        }
        return end >= 3 && Bytes.firstNonWhitespace(d) == '{' && d[end - 1] == RS ? Fits.FRAMED_TEXT : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        List<Payload> out = new ArrayList<>();
        int start = 0;
        int k = 0;
        while (start < d.length && out.size() <= limits.maxChildren()) {
            int rs = Bytes.indexOf(d, RS, start, d.length);
            if (rs < 0) {
                break;
            }
            int from = Bytes.skipWhitespace(d, start);
            if (from < rs) {
                if (d[from] != '{') {
                    return List.of();
                }
                out.add(payload.child(Step.of(NAME + ":message[" + k + "]", from, rs),
                        Arrays.copyOfRange(d, from, rs), null, null));
            }
            k++;
            start = rs + 1;
        }
        return out;
    }
}
