package org.telltale.core.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * Runs one decompression layer under the limits: at most maxExpansionRatio times the input and
 * maxBytesPerLayer in all. What was inflated before a limit or a broken stream is kept.
 */
final class Decompression {
    /** Opens a decompressing stream over the compressed bytes. */
    interface Opener {
        InputStream open(InputStream compressed) throws IOException;
    }

    private Decompression() {
    }

    /**
     * The one child of a compressed payload. When the layer was the declared Content-Encoding,
     * the child keeps the declared Content-Type and the codings still to peel.
     */
    static List<Payload> peel(Payload payload, String step, boolean declared, DecodeLimits limits, Opener opener)
            throws Exception {
        return peel(payload, step, declared, limits, opener, false);
    }

    /**
     * Like {@link #peel}, for weak evidence (a two-byte header): a stream that breaks is taken as
     * not compressed at all, and nothing is returned. Hitting a limit still keeps what came out.
     */
    static List<Payload> peelWhole(Payload payload, String step, boolean declared, DecodeLimits limits,
                                   Opener opener) throws PartialDecodeException {
        try {
            return peel(payload, step, declared, limits, opener, true);
        } catch (PartialDecodeException e) {
            throw e;
        } catch (Exception e) {
            return List.of();
        }
    }

    /**
     * The input buffer for a decompressing stream over payload: the whole input when small, so that
     * a short field does not cost a default 8 KiB buffer.
     */
    static int inputBufferSize(Payload payload) {
        return Math.max(64, Math.min(8192, payload.data().length));
    }

    /** Whether a path step names a decompression layer, whose output is never random bytes. */
    static boolean isStep(String step) {
        return "gzip".equals(step) || "deflate".equals(step) || RawDeflateDecoder.NAME.equals(step) || "br".equals(step)
                || "zstd".equals(step);
    }

    private static List<Payload> peel(Payload payload, String step, boolean declared, DecodeLimits limits,
                                      Opener opener, boolean whole) throws Exception {
        byte[] in = payload.data();
        long byRatio = (long) in.length * limits.maxExpansionRatio();
        int max = (int) Math.min(limits.maxBytesPerLayer(), byRatio);
        byte[] buf = new byte[Math.max(64, Math.min(max, in.length * 4 + 64))];
        int n = 0;
        String stopped = null;
        try (InputStream z = opener.open(new ByteArrayInputStream(in))) {
            while (true) {
                if (n == buf.length) {
                    if (n >= max) {
                        if (z.read() >= 0) {
                            stopped = limitMessage(max, byRatio <= limits.maxBytesPerLayer(), limits);
                        }
                        break;
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(max, (long) buf.length * 2));
                }
                int r = z.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            if (n == 0 || whole) {
                throw e;
            }
            stopped = message(e) + " (kept " + n + " bytes decoded before it)";
        }
        Payload child = child(payload, step, declared, Arrays.copyOf(buf, n));
        if (stopped != null) {
            throw new PartialDecodeException(stopped, List.of(child));
        }
        List<Payload> out = new ArrayList<>(1);
        out.add(child);
        return out;
    }

    private static Payload child(Payload parent, String step, boolean declared, byte[] data) {
        if (!declared) {
            return parent.child(step, data);
        }
        return parent.child(Step.of(step, Step.UNKNOWN, Step.UNKNOWN), data, parent.contentType(),
                ContentEncodings.inner(parent.contentEncoding()));
    }

    private static String limitMessage(int max, boolean ratioBound, DecodeLimits limits) {
        return ratioBound
                ? "expansion limit: output exceeds " + limits.maxExpansionRatio() + "x the input; kept the first "
                        + max + " bytes"
                : "layer size limit: output exceeds " + limits.maxBytesPerLayer() + " bytes; kept the first "
                        + max + " bytes";
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
