package org.telltale.core.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.brotli.dec.BrotliInputStream;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Brotli, declared as Content-Encoding br, or guessed: it has no magic number, so on binary bytes
 * anywhere (a body an SDK compressed itself, a protobuf field, what base64 or hex uncovered) a
 * stream is taken only when its header is sane, it decodes completely (any number of meta-blocks,
 * compressed or not) and ends exactly at the input's end within the expansion limit, and its output
 * looks like something ({@link Plausible#decodedLayer}). Random bytes fail one of these and decode to
 * nothing, quietly. The header check comes first because the decoder sizes its window from what the
 * first meta-block claims.
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
        byte[] d = payload.data();
        if (d.length < 4 || Plausible.hasMagicNumber(d) || RawDeflateDecoder.looksLikeText(d)) {
            return -1;
        }
        return headerAllows(d, RawDeflateDecoder.maxOutput(d.length, DecodeLimits.DEFAULT)) ? Fits.BROTLI_GUESS : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        boolean declared = declared(payload);
        if (!declared) {
            byte[] out = decodeExactly(payload.data(), RawDeflateDecoder.maxOutput(payload.data().length, limits));
            return out == null || out.length == 0 || !Plausible.decodedLayer(out) ? List.of()
                    : List.of(payload.child(name(), out));
        }
        try {
            return Decompression.peel(payload, name(), true, limits, BrotliInputStream::new);
        } catch (PartialDecodeException e) {
            throw e;
        } catch (Exception e) {
            if (!Bytes.headLooksLikeText(payload.data())) {
                throw e;
            }
            // Declared but plain text: the capture stored the body already decoded.
            return List.of();
        }
    }

    private static boolean declared(Payload payload) {
        return ContentEncodings.outermost(payload.contentEncoding()).equals("br");
    }

    /**
     * The whole of d decoded as one brotli stream, or null when it is not exactly that: the header
     * is not sane, the stream breaks or stops short (the decoder reports "Read after end"), bytes
     * follow its end ("Unused bytes after end"), or it would decode to more than max bytes.
     */
    static byte[] decodeExactly(byte[] d, int max) {
        if (d.length < 4 || !headerAllows(d, max)) {
            return null;
        }
        byte[] buf = new byte[Math.max(64, Math.min(max, d.length * 4 + 64))];
        int n = 0;
        try (InputStream in = new BrotliInputStream(new ByteArrayInputStream(d))) {
            while (true) {
                if (n == buf.length) {
                    if (n >= max) {
                        return in.read() < 0 ? Arrays.copyOf(buf, n) : null;
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(max, (long) buf.length * 2));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads the stream header and the first meta-block header (RFC 7932, 9.1 and 9.2): a defined
     * window size, a first meta-block that is neither empty nor metadata, and a length within max.
     */
    static boolean headerAllows(byte[] d, int max) {
        if (d.length < 8) {
            // Short streams: read the header from what there is, zero bits after.
            d = Arrays.copyOf(d, 8);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (d[i] & 0xff) << (8 * i);
        }
        int pos;
        if ((bits & 1) == 0) {
            pos = 1;
        } else if (((bits >>> 1) & 7) != 0) {
            pos = 4;
        } else {
            int m = (int) ((bits >>> 4) & 7);
            if (m == 1) {
                return false;
            }
            pos = 7;
        }
        boolean last = ((bits >>> pos) & 1) == 1;
        pos++;
        if (last) {
            boolean lastEmpty = ((bits >>> pos) & 1) == 1;
            if (lastEmpty) {
                return false;
            }
            pos++;
        }
        int nibbles = (int) ((bits >>> pos) & 3);
        pos += 2;
        if (nibbles == 3) {
            return false;
        }
        int width = 4 * (4 + nibbles);
        long length = ((bits >>> pos) & ((1L << width) - 1)) + 1;
        if (nibbles > 0 && (length - 1) >>> (width - 4) == 0) {
            // A last nibble of zero is refused by the decoder ("Exuberant nibble").
            return false;
        }
        return length <= max;
    }
}
