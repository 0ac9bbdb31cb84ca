package org.telltale.core.decode;

import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * deflate: zlib-wrapped (RFC 1950) or raw (RFC 1951, which some servers send for Content-Encoding
 * deflate). Undeclared, only a valid zlib header is taken as evidence.
 */
final class DeflateDecoder implements Decoder {
    @Override
    public String name() {
        return "deflate";
    }

    @Override
    public double fit(Payload payload) {
        if (declared(payload)) {
            return Fits.DECLARED_ENCODING;
        }
        return isZlibHeader(payload.data()) ? Fits.MAGIC : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        boolean raw = !isZlibHeader(payload.data());
        return Decompression.peel(payload, name(), declared(payload), limits,
                in -> new InflaterInputStream(in, new Inflater(raw), 8192) {
                    @Override
                    public void close() throws java.io.IOException {
                        super.close();
                        inf.end();
                    }
                });
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
