package org.telltale.formats.pcap.proto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.telltale.api.Header;

/**
 * Reads one message body as it is framed on the wire (RFC 9112 section 6): none, a known length,
 * chunked (with trailers) or up to the end of the connection. Keeps at most a set number of body
 * bytes; chunked framing is removed, content coding is not.
 */
final class BodyReader {
    /** How the body's end is found. */
    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    /** What a call to {@link #read} reached. */
    enum Progress { MORE, DONE, BROKEN }

    private enum State { FIXED, SIZE_LINE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    /** A chunk-size line longer than this (extensions included) is not a real one. */
    private static final int MAX_SIZE_LINE = 4096;
    private static final int MAX_TRAILERS = 100;
    private static final int FIRST_GROWTH = 16;

    private final int maxKeep;
    private final int maxTrailerBytes;
    private State state;
    private long remaining;
    private byte[] kept = new byte[0];
    private int keptLength;
    private boolean truncated;
    private boolean holed;
    private long trailerBytes;
    private final List<Header> trailers = new ArrayList<>();
    private String problem;

    BodyReader(Framing framing, long length, int maxKeep, int maxTrailerBytes) {
        this.maxKeep = maxKeep;
        this.maxTrailerBytes = maxTrailerBytes;
        switch (framing) {
            case NONE -> state = State.DONE;
            case LENGTH -> {
                state = length == 0 ? State.DONE : State.FIXED;
                remaining = length;
            }
            case CHUNKED -> state = State.SIZE_LINE;
            default -> state = State.UNTIL_CLOSE;
        }
    }

    /** Consumes what it can of the held bytes. */
    Progress read(StreamBuffer in) {
        while (true) {
            switch (state) {
                case DONE:
                    return Progress.DONE;
                case UNTIL_CLOSE:
                    take(in, in.size());
                    return Progress.MORE;
                case FIXED:
                case CHUNK_DATA: {
                    int n = (int) Math.min(remaining, in.size());
                    take(in, n);
                    remaining -= n;
                    if (remaining > 0) {
                        return Progress.MORE;
                    }
                    state = state == State.FIXED ? State.DONE : State.CHUNK_END;
                    break;
                }
                case CHUNK_END: {
                    if (in.size() == 0 || in.size() == 1 && in.at(0) == '\r') {
                        return Progress.MORE;
                    }
                    int n = in.at(0) == '\n' ? 1 : in.at(0) == '\r' && in.at(1) == '\n' ? 2 : 0;
                    if (n == 0) {
                        return broken("chunk data is not followed by a line end");
                    }
                    in.consume(n);
                    state = State.SIZE_LINE;
                    break;
                }
                case SIZE_LINE: {
                    int lf = HttpText.indexOfLf(in.array(), in.start(), in.start() + Math.min(in.size(), MAX_SIZE_LINE));
                    if (lf < 0) {
                        return in.size() >= MAX_SIZE_LINE ? broken("chunk size line too long") : Progress.MORE;
                    }
                    long size = chunkSize(in.array(), in.start(), lf);
                    if (size < 0) {
                        return broken("malformed chunk size");
                    }
                    in.consume(lf + 1 - in.start());
                    remaining = size;
                    state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
                    break;
                }
                case TRAILERS: {
                    int limit = in.start() + (int) Math.min(in.size(), Math.max(0, maxTrailerBytes - trailerBytes + 2));
                    int lf = HttpText.indexOfLf(in.array(), in.start(), limit);
                    if (lf < 0) {
                        return trailerBytes + in.size() > maxTrailerBytes ? broken("trailers too long") : Progress.MORE;
                    }
                    int lineEnd = HttpText.trimCr(in.array(), in.start(), lf);
                    if (lineEnd == in.start()) {
                        in.consume(lf + 1 - in.start());
                        state = State.DONE;
                        break;
                    }
                    Header h = HeaderBlock.field(in.array(), in.start(), lineEnd);
                    if (h != null && trailers.size() < MAX_TRAILERS) {
                        trailers.add(h);
                    }
                    trailerBytes += lf + 1 - in.start();
                    in.consume(lf + 1 - in.start());
                    break;
                }
                default:
                    throw new IllegalStateException("unknown state " + state);
            }
        }
    }

    /**
     * The capture lost this many bytes of the stream. Returns true when they fall inside body data
     * of known length, so reading can go on in step; the body then has a hole.
     */
    boolean skipGap(long length) {
        if (state == State.UNTIL_CLOSE) {
            holed = true;
            return true;
        }
        if ((state == State.FIXED || state == State.CHUNK_DATA) && length <= remaining) {
            remaining -= length;
            holed = true;
            if (remaining == 0) {
                state = state == State.FIXED ? State.DONE : State.CHUNK_END;
            }
            return true;
        }
        return false;
    }

    /** True when the connection's end is this body's proper end (or it had already ended). */
    boolean completeAtClose() {
        return state == State.UNTIL_CLOSE || state == State.DONE;
    }

    /** The body bytes kept, chunk framing removed. Once the body is whole, no more bytes are added. */
    byte[] body() {
        // a body of declared length fills its array exactly, so it is handed over without a copy
        return keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
    }

    /** True when bytes were lost or dropped: a gap inside, or more than the kept maximum. */
    boolean lossy() {
        return truncated || holed;
    }

    List<Header> trailers() {
        return trailers;
    }

    /** Why the framing broke, for the diagnostic; null when it did not. */
    String problem() {
        return problem;
    }

    private Progress broken(String why) {
        problem = why;
        return Progress.BROKEN;
    }

    /**
     * Takes body bytes straight from a packet, for a caller whose buffer is empty, so that the bulk
     * of a body is copied once rather than through the stream buffer. Takes only plain body data
     * (never framing); returns how many of the {@code len} bytes it took.
     */
    int takeDirect(byte[] b, int off, int len) {
        switch (state) {
            case UNTIL_CLOSE -> {
                keep(b, off, len);
                return len;
            }
            case FIXED, CHUNK_DATA -> {
                int n = (int) Math.min(remaining, len);
                keep(b, off, n);
                remaining -= n;
                if (remaining == 0) {
                    state = state == State.FIXED ? State.DONE : State.CHUNK_END;
                }
                return n;
            }
            default -> {
                return 0;
            }
        }
    }

    private void take(StreamBuffer in, int n) {
        keep(in.array(), in.start(), n);
        in.consume(n);
    }

    /** Keeps what fits under the maximum of the {@code n} body bytes at {@code off}. */
    private void keep(byte[] b, int off, int n) {
        int keep = Math.min(n, maxKeep - keptLength);
        if (keep < n) {
            truncated = true;
        }
        if (keep > 0) {
            if (kept.length - keptLength < keep) {
                kept = Arrays.copyOf(kept, capacityFor((long) keptLength + keep));
            }
            System.arraycopy(b, off, kept, keptLength, keep);
            keptLength += keep;
        }
    }

    /**
     * The array size to grow to for {@code needed} bytes: at first {@link #FIRST_GROWTH} times what
     * arrived (most bodies then fit at once), then doubling; never past the kept maximum, nor past
     * what the declared length still promises, so a body of known length ends in an array of exactly
     * its size. Growth follows the bytes that arrived, never only a length the sender claims.
     */
    private int capacityFor(long needed) {
        long size = Math.max(needed, kept.length == 0 ? FIRST_GROWTH * needed : 2L * kept.length);
        if (state == State.FIXED) {
            size = Math.min(size, keptLength + remaining);
        }
        return (int) Math.max(needed, Math.min(size, maxKeep));
    }

    /** The hexadecimal size at the start of a chunk-size line (extensions ignored); -1 when malformed. */
    private static long chunkSize(byte[] b, int from, int lf) {
        long size = 0;
        int digits = 0;
        int p = from;
        while (p < lf && Character.digit(b[p], 16) >= 0) {
            if (++digits > 15) {
                return -1;
            }
            size = size << 4 | Character.digit(b[p], 16);
            p++;
        }
        if (digits == 0) {
            return -1;
        }
        while (p < lf && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p == lf || b[p] == ';' || b[p] == '\r' ? size : -1;
    }
}
