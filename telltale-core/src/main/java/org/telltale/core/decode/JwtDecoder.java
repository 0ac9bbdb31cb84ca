package org.telltale.core.decode;

import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * A JSON Web Token (three base64url parts whose header is JSON naming an "alg"), alone or after
 * "Bearer ". Children "jwt:header" and "jwt:payload"; the signature carries no user data.
 */
final class JwtDecoder implements Decoder {
    @Override
    public String name() {
        return "jwt";
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        return Bytes.startsWithAscii(d, start(d), "eyJ") ? Fits.JWT : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        int from = start(d);
        int to = d.length;
        while (to > from && Bytes.isWhitespace(d[to - 1])) {
            to--;
        }
        int dot1 = Bytes.indexOf(d, '.', from, to);
        int dot2 = dot1 < 0 ? -1 : Bytes.indexOf(d, '.', dot1 + 1, to);
        if (dot2 < 0 || Bytes.indexOf(d, '.', dot2 + 1, to) >= 0) {
            return List.of();
        }
        Base64Text.Decoded header = Base64Text.decode(d, from, dot1, false);
        Base64Text.Decoded body = Base64Text.decode(d, dot1 + 1, dot2, false);
        if (header == null || body == null || !isJsonWithAlg(header.bytes())) {
            return List.of();
        }
        return List.of(payload.childAt("jwt:header", from, dot1, header.bytes()),
                payload.childAt("jwt:payload", dot1 + 1, dot2, body.bytes()));
    }

    private static int start(byte[] d) {
        int i = Bytes.skipWhitespace(d, 0);
        return Bytes.startsWithAscii(d, i, "Bearer ") ? i + 7 : i;
    }

    private static boolean isJsonWithAlg(byte[] header) {
        if (Bytes.firstNonWhitespace(header) != '{') {
            return false;
        }
        String s = Bytes.utf8(header, 0, header.length);
        return s.contains("\"alg\"");
    }
}
