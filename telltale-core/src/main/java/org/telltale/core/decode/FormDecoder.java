package org.telltale.core.decode;

import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * application/x-www-form-urlencoded, declared or sniffed from its k=v&k2=v2 shape; also the Cookie
 * request header, whose pairs are separated by "; ". Children are "form:NAME".
 */
final class FormDecoder implements Decoder {
    @Override
    public String name() {
        return "form";
    }

    @Override
    public double fit(Payload payload) {
        if (declared(payload) || isCookieHeader(payload)) {
            return Fits.DECLARED_TYPE;
        }
        byte[] d = payload.data();
        if (!Pairs.headLooksLikePair(d)) {
            return -1;
        }
        return Bytes.indexOf(d, '&', 0, Math.min(d.length, 4 * Bytes.SNIFF)) > 0 ? Fits.FORM : Fits.FORM_SINGLE_PAIR;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        if (isCookieHeader(payload)) {
            return Pairs.split(payload, d, 0, d.length, (byte) ';', "form:", false, limits.maxChildren());
        }
        if (declared(payload)) {
            if (hasControlBytes(d)) {
                // Declared form but binary (SDKs send protobuf this way): not a form; sniffing gets its turn.
                return List.of();
            }
            int to = d.length;
            while (to > 0 && Bytes.isWhitespace(d[to - 1])) {
                to--;
            }
            return Pairs.split(payload, d, 0, to, (byte) '&', "form:", false, limits.maxChildren());
        }
        if (!printableWithoutSpaces(d)) {
            return List.of();
        }
        List<Payload> pairs = Pairs.split(payload, d, 0, d.length, (byte) '&', "form:", true, limits.maxChildren());
        if (pairs == null) {
            return List.of();
        }
        if (Bytes.indexOf(d, '&', 0, d.length) < 0 && endsWithPadding(d)) {
            // "abc==" is base64 padding, not a key with an empty value.
            return List.of();
        }
        return pairs;
    }

    private static boolean declared(Payload payload) {
        return MediaTypes.essence(payload.contentType()).equals("application/x-www-form-urlencoded");
    }

    private static boolean isCookieHeader(Payload payload) {
        return payload.depth() == 0 && payload.location().isHeader("cookie");
    }

    /** Form encoding leaves no control byte unescaped; a trailing line break is tolerated. */
    private static boolean hasControlBytes(byte[] d) {
        for (byte b : d) {
            if (b >= 0 && b < 0x20 && !Bytes.isWhitespace(b) || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static boolean printableWithoutSpaces(byte[] d) {
        for (byte b : d) {
            if (b < 0x21 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithPadding(byte[] d) {
        int eq = Bytes.indexOf(d, '=', 0, d.length);
        for (int i = eq; i < d.length; i++) {
            if (d[i] != '=') {
                return false;
            }
        }
        return true;
    }
}
