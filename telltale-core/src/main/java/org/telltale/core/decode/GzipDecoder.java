package org.telltale.core.decode;

import java.util.List;
import java.util.zip.GZIPInputStream;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/** gzip, declared as Content-Encoding gzip or x-gzip, or recognised by its magic number 1f 8b 08. */
final class GzipDecoder implements Decoder {
    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public double fit(Payload payload) {
        if (!Bytes.isGzipMagic(payload.data())) {
            // A declared coding without the magic number means the capture stored the body already decoded.
            return -1;
        }
        return declared(payload) ? Fits.DECLARED_ENCODING : Fits.MAGIC;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        return Decompression.peel(payload, name(), declared(payload), limits, in -> new GZIPInputStream(in, Decompression.inputBufferSize(payload)));
    }

    private static boolean declared(Payload payload) {
        return ContentEncodings.outermost(payload.contentEncoding()).equals("gzip");
    }
}
