package org.telltale.core.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.brotli.dec.BrotliInputStream;

import org.telltale.api.DecodeLimits;

/**
 * Whether bytes that base64 or hex uncovered "look like something": a known compression magic
 * number, readable UTF-8 text, a protobuf message that parses strictly, or a brotli stream that
 * decodes cleanly. Random tokens must fail all of these, so that ids do not explode into noise.
 */
final class Plausible {
    /** Decoded outputs shorter than this must be plain words (letters, digits, a few signs). */
    private static final int SHORT = 12;
    /** How much of a zlib or brotli guess is inflated to see whether it decodes cleanly. */
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

    /**
     * Reads the stream header (RFC 7932, 9.1 and 9.2) and accepts only a first meta-block that is
     * the last one and at most PROBE long. Decoding a random guess otherwise makes the decoder set up
     * a window of up to 16 MiB, which costs far more than the guess is worth.
     */
    static boolean smallSingleBrotliMetablock(byte[] d) {
        return singleBrotliMetablockLength(d) > 0;
    }

    /** The length of the only meta-block when {@link #smallSingleBrotliMetablock} holds, else -1. */
    private static int singleBrotliMetablockLength(byte[] d) {
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
                return -1;
            }
            pos = 7;
        }
        boolean last = ((bits >>> pos) & 1) == 1;
        boolean lastEmpty = ((bits >>> (pos + 1)) & 1) == 1;
        if (!last || lastEmpty) {
            return -1;
        }
        int nibbles = (int) ((bits >>> (pos + 2)) & 3);
        if (nibbles == 3) {
            return -1;
        }
        int width = 4 * (4 + nibbles);
        long length = ((bits >>> (pos + 4)) & ((1L << width) - 1)) + 1;
        return length <= PROBE ? (int) length : -1;
    }

    private static boolean brotli(byte[] d) {
        int length = d.length < 8 ? -1 : singleBrotliMetablockLength(d);
        if (length < 0) {
            return false;
        }
        // One byte more than the meta-block holds, so that a stream going on past it is seen.
        byte[] buf = new byte[length + 1];
        int total = 0;
        try (InputStream in = new BrotliInputStream(new ByteArrayInputStream(d))) {
            int r;
            while (total < buf.length && (r = in.read(buf, total, buf.length - total)) >= 0) {
                total += r;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // Random bytes sometimes form a valid brotli stream; what comes out must look like something too.
        byte[] out = Arrays.copyOf(buf, total);
        return hasMagic(out) || text(out) || ProtobufWire.plausible(out);
    }
}
