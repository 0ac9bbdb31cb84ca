package org.telltale.core.decode;

import java.util.List;

import com.github.luben.zstd.ZstdInputStream;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/** Zstandard, declared as Content-Encoding zstd or recognised by its frame magic 28 b5 2f fd. */
final class ZstdDecoder implements Decoder {
    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public double fit(Payload payload) {
        if (!Bytes.isZstdMagic(payload.data())) {
            return -1;
        }
        return declared(payload) ? Fits.DECLARED_ENCODING : Fits.MAGIC;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        return Decompression.peel(payload, name(), declared(payload), limits, ZstdInputStream::new);
    }

    private static boolean declared(Payload payload) {
        return ContentEncodings.outermost(payload.contentEncoding()).equals("zstd");
    }
}
