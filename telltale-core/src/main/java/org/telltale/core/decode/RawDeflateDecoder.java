package org.telltale.core.decode;

import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Raw deflate (RFC 1951 without the zlib header: Java's {@code Deflater(level, true)}, pako's
 * {@code deflateRaw}) that nobody declared, on binary bytes anywhere: a body, a protobuf field, the
 * output of base64 or hex. There is no magic number, so a guess is kept only when the bytes are one
 * complete stream that ends exactly at the input's end, inflates within the expansion limit, and
 * gives something that looks like something ({@link Plausible}); random bytes almost never do all
 * three, and then decode to nothing, quietly. Declared Content-Encoding deflate stays with
 * {@link DeflateDecoder}.
 */
final class RawDeflateDecoder implements Decoder {
    static final String NAME = "deflate-raw";
    /** Streams shorter than this hold too little to be worth a guess (an empty fixed block is 2 bytes). */
    private static final int MIN_LENGTH = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        if (d.length < MIN_LENGTH || ContentEncodings.outermost(payload.contentEncoding()).equals("deflate")
                || Plausible.hasMagicNumber(d) || looksLikeText(d)) {
            return -1;
        }
        return headerCouldStartAStream(d) ? Fits.RAW_DEFLATE : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        byte[] out = inflateExactly(d, maxOutput(d.length, limits));
        if (out == null || !Plausible.decodedLayer(out)) {
            return List.of();
        }
        return List.of(payload.child(NAME, out));
    }

    /**
     * Readable text is not a guess worth inflating. Compressed bytes often go 64 bytes without a
     * control byte, so the head alone does not say; the whole must be valid UTF-8 without controls.
     */
    static boolean looksLikeText(byte[] d) {
        return Bytes.headLooksLikeText(d) && Plausible.text(d);
    }

    static int maxOutput(int inputLength, DecodeLimits limits) {
        return (int) Math.min(limits.maxBytesPerLayer(), (long) inputLength * limits.maxExpansionRatio());
    }

    /**
     * The first block header can be valid: block type 3 is reserved, and a stored block's length
     * must be followed by its one's complement. Cheap, and it turns away half of all random bytes
     * before an inflater is made.
     */
    static boolean headerCouldStartAStream(byte[] d) {
        int type = (d[0] >> 1) & 3;
        if (type == 3) {
            return false;
        }
        if (type == 0) {
            if (d.length < 5) {
                return false;
            }
            int len = (d[1] & 0xff) | (d[2] & 0xff) << 8;
            int nlen = (d[3] & 0xff) | (d[4] & 0xff) << 8;
            return (len ^ nlen) == 0xffff;
        }
        return true;
    }

    /**
     * The whole of d inflated as one raw deflate stream, or null when it is not exactly that: it
     * breaks, stops short of its end (needs more input), goes on past the input's end, or would
     * inflate to more than max bytes.
     */
    static byte[] inflateExactly(byte[] d, int max) {
        if (d.length < MIN_LENGTH || !headerCouldStartAStream(d)) {
            return null;
        }
        Inflater inflater = new Inflater(true);
        try {
            // zlib wants one byte past a raw stream ("nowrap" needs a dummy byte); it must be the only one left.
            byte[] input = Arrays.copyOf(d, d.length + 1);
            inflater.setInput(input);
            byte[] buf = new byte[Math.max(64, Math.min(max, d.length * 4 + 64))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == buf.length) {
                    if (n >= max) {
                        return null;
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(max, (long) buf.length * 2));
                }
                int r = inflater.inflate(buf, n, buf.length - n);
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                n += r;
            }
            return inflater.getRemaining() == 1 ? Arrays.copyOf(buf, n) : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
