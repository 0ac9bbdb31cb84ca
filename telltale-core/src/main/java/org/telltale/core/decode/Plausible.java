package org.telltale.core.decode;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.telltale.api.DecodeLimits;

/**
 * Whether bytes that base64 or hex uncovered "look like something": a known compression magic
 * number, readable UTF-8 text, a protobuf message that parses strictly, or a brotli stream that
 * decodes cleanly. Random tokens must fail all of these, so that ids do not explode into noise.
 */
final class Plausible {
    /** Decoded outputs shorter than this must be plain words (letters, digits, a few signs). */
    private static final int SHORT = 12;
    /** How much of a zlib guess is inflated to see whether it decodes cleanly. */
    private static final int PROBE = 16 << 10;

    private Plausible() {
    }

    /**
     * Whether bytes that base64 or hex uncovered are worth walking: a known format, text, or a
     * compressed stream without a magic number (raw deflate, brotli) that passes its validity check.
     */
    static boolean decoded(byte[] d) {
        return decodedLayer(d) || rawDeflate(d) || brotli(d);
    }

    /**
     * Whether the output of a guessed layer (raw deflate, brotli) looks like something: a magic
     * number, text, a protobuf message, a CBOR or MessagePack structure, gRPC frames. A guess is not
     * stacked on another guess.
     */
    static boolean decodedLayer(byte[] d) {
        return hasMagic(d) || text(d) || ProtobufWire.plausible(d) || CborDecoder.plausible(d) || MsgPackDecoder.plausible(d)
                || GrpcDecoder.plausible(d);
    }

    static boolean hasMagic(byte[] d) {
        return hasMagicNumber(d) || zlib(d);
    }

    /** gzip's or Zstandard's magic number (cheap: no inflating). */
    static boolean hasMagicNumber(byte[] d) {
        return Bytes.isGzipMagic(d) || Bytes.isZstdMagic(d);
    }

    /** A complete raw deflate stream ending exactly at the end of d, inflating to something plausible. */
    static boolean rawDeflate(byte[] d) {
        if (d.length < 4 || hasMagicNumber(d) || RawDeflateDecoder.looksLikeText(d)) {
            return false;
        }
        byte[] out = RawDeflateDecoder.inflateExactly(d, RawDeflateDecoder.maxOutput(d.length, DecodeLimits.DEFAULT));
        return out != null && decodedLayer(out);
    }

    /**
     * A zlib header is only two bytes (one random pair in two thousand has one), so the stream must
     * also inflate to its end with a matching checksum, or fill the probe.
     */
    private static boolean zlib(byte[] d) {
        if (d.length < 8 || !DeflateDecoder.isZlibHeader(d)) {
            return false;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(d);
            // The output is only counted, so a small buffer is reused rather than a probe-sized one.
            byte[] scratch = new byte[Math.min(PROBE, 1024)];
            int total = 0;
            while (total < PROBE && !inflater.finished()) {
                int n = inflater.inflate(scratch);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return false;
                }
                total += n;
            }
            return true;
        } catch (DataFormatException e) {
            return false;
        } finally {
            inflater.end();
        }
    }

    /**
     * Valid UTF-8 without control characters (other than tab and line breaks), holding at least one
     * letter or digit: phone numbers and IMEIs are all digits. Random bytes almost never qualify,
     * since each byte must land in a narrow range.
     */
    static boolean text(byte[] d) {
        if (d.length < 4) {
            return false;
        }
        boolean isShort = d.length < SHORT;
        int wordChars = 0;
        int i = 0;
        while (i < d.length) {
            int b = d[i] & 0xff;
            if (b < 0x80) {
                if (b < 0x20 && !Bytes.isWhitespace(b) || b == 0x7f) {
                    return false;
                }
                boolean wordChar = (b | 0x20) >= 'a' && (b | 0x20) <= 'z' || b >= '0' && b <= '9';
                if (wordChar) {
                    wordChars++;
                }
                if (isShort && !wordChar && " @._-+:/".indexOf(b) < 0) {
                    return false;
                }
                i++;
                continue;
            }
            if (isShort) {
                return false;
            }
            int extra = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? (b <= 0xef ? 2 : -1) : b >= 0xc2 ? 1 : -1;
            if (extra < 0 || i + extra >= d.length) {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                if ((d[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
            wordChars++;
        }
        return wordChars > 0;
    }

    /** Printable ASCII only, at least one byte: a map key or a short value ("id", "v2"). */
    static boolean word(byte[] d) {
        if (d.length == 0) {
            return false;
        }
        for (byte b : d) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** A complete brotli stream (see {@link BrotliDecoder#decodeExactly}) whose output looks like something. */
    static boolean brotli(byte[] d) {
        if (d.length < 4 || hasMagicNumber(d) || RawDeflateDecoder.looksLikeText(d)) {
            return false;
        }
        byte[] out = BrotliDecoder.decodeExactly(d, RawDeflateDecoder.maxOutput(d.length, DecodeLimits.DEFAULT));
        return out != null && out.length > 0 && decodedLayer(out);
    }
}
