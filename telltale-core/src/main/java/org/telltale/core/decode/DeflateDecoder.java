package org.telltale.core.decode;

import java.io.IOException;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * deflate: zlib-wrapped (RFC 1950) or raw (RFC 1951, which some servers send for Content-Encoding
 * deflate). Undeclared, a zlib header is only two bytes of evidence, so the stream must also
 * inflate cleanly or it is taken as not deflate at all, without a diagnostic.
 */
final class DeflateDecoder implements Decoder {
    @Override
    public String name() {
        return "deflate";
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        boolean zlib = isZlibHeader(d);
        if (declared(payload) && (zlib || !Bytes.headLooksLikeText(d))) {
            // Declared but plain text and no zlib header: the capture stored the body already decoded.
            return Fits.DECLARED_ENCODING;
        }
        return zlib ? Fits.MAGIC : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        boolean zlib = isZlibHeader(payload.data());
        int buffer = Decompression.inputBufferSize(payload);
        if (!declared(payload)) {
            return Decompression.peelWhole(payload, name(), false, limits, opener(false, buffer));
        }
        try {
            return Decompression.peel(payload, name(), true, limits, opener(!zlib, buffer));
        } catch (Exception first) {
            // Servers mix up the two framings; the other one may read where the header's guess did not.
            List<Payload> other = Decompression.peelWhole(payload, name(), true, limits, opener(zlib, buffer));
            if (other.isEmpty()) {
                throw first;
            }
            return other;
        }
    }

    private static Decompression.Opener opener(boolean raw, int buffer) {
        return in -> new InflaterInputStream(in, new Inflater(raw), buffer) {
            @Override
            public void close() throws IOException {
                super.close();
                inf.end();
            }
        };
    }

    /** CMF says deflate with a window of at most 32 KiB, FLG makes the pair a multiple of 31, no preset dictionary. */
    static boolean isZlibHeader(byte[] data) {
        if (data.length < 3) {
            return false;
        }
        int cmf = data[0] & 0xff;
        int flg = data[1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0 && (flg & 0x20) == 0;
    }

    private static boolean declared(Payload payload) {
        return ContentEncodings.outermost(payload.contentEncoding()).equals("deflate");
    }
}
