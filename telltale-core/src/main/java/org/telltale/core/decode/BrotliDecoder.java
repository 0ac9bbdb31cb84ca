package org.telltale.core.decode;

import java.util.List;

import org.brotli.dec.BrotliInputStream;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Brotli. It has no magic number, so undeclared it is only tried on binary bytes that base64 or hex
 * uncovered, and a failure there just means it was not brotli.
 */
final class BrotliDecoder implements Decoder {
    @Override
    public String name() {
        return "br";
    }

    @Override
    public double fit(Payload payload) {
        if (declared(payload)) {
            return Fits.DECLARED_ENCODING;
        }
        String last = payload.lastStep();
        boolean uncovered = "base64".equals(last) || "base64url".equals(last) || "hex".equals(last);
        return uncovered && !Bytes.headLooksLikeText(payload.data()) ? Fits.BROTLI_GUESS : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        boolean declared = declared(payload);
        try {
            return Decompression.peel(payload, name(), declared, limits, BrotliInputStream::new);
        } catch (PartialDecodeException e) {
            if (declared) {
                throw e;
            }
            return List.of();
        } catch (Exception e) {
            if (declared && !Bytes.headLooksLikeText(payload.data())) {
                throw e;
            }
            // Declared but plain text: the capture stored the body already decoded.
            return List.of();
        }
    }

    private static boolean declared(Payload payload) {
        return ContentEncodings.outermost(payload.contentEncoding()).equals("br");
    }
}
