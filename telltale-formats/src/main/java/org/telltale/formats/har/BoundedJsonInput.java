package org.telltale.formats.har;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Sits between the HAR file and Jackson and keeps every string, field name, number and nesting
 * within {@link HarLimits}, cutting what goes past them and noting where.
 *
 * <p>Why not Jackson's own StreamReadConstraints: they throw in the middle of the token, and the
 * parser cannot go on from there (it reads the rest of a long string as JSON), so one oversized
 * entry stopped the whole file. Here the cut keeps the JSON valid: a long string or name is closed
 * early and the rest of it dropped, a long number is ended after a digit, and a structure that
 * nests too deep is replaced by {@code 0}. Nothing past a bound is kept, so the cost is one pass
 * over the bytes and a few counters. The reader skips each entry that holds a cut ({@link #firstCut}).
 *
 * <p>Only UTF-8 is filtered (what HAR files are written in); a UTF-16 or UTF-32 file goes through
 * unchanged and only Jackson's limits apply to it.
 */
final class BoundedJsonInput extends FilterInputStream {
    /** Cuts noted and not yet taken; past this many, later ones are merged into the last. */
    private static final int MAX_NOTED = 64;

    /**
     * One place where a bound cut the input.
     *
     * @param offset     where the cut token starts in the bytes Jackson reads
     * @param lastOffset where the last cut merged into this one starts
     * @param line       the line of the token in the file, from 1
     * @param column     its column in bytes, from 1
     * @param what       which bound, as a phrase ("a string longer than 100 bytes")
     */
    record Cut(long offset, long lastOffset, long line, long column, String what) {
    }

    private enum State { VALUE, STRING, SKIP_STRING, NUMBER, SKIP_NUMBER, SKIP_NESTED }

    private final HarLimits limits;
    private final boolean[] inObject;
    private final ArrayDeque<Cut> cuts = new ArrayDeque<>();
    private Boolean utf8;
    private State state = State.VALUE;
    private int depth;
    private int skipDepth;
    private boolean skipInString;
    /** 0: none; -1: just after a backslash; n: hex digits of a backslash-u escape still to come. */
    private int escape;
    private boolean expectName;
    private boolean name;
    private boolean lastDigit;
    private long length;
    private long tokenOffset;
    private long tokenLine;
    private long tokenColumn;
    private long inPos;
    private long outPos;
    private long line = 1;
    private long lineStart;
    private boolean afterCr;

    BoundedJsonInput(InputStream in, HarLimits limits) {
        super(in);
        this.limits = limits;
        this.inObject = new boolean[limits.maxDepth() + 1];
    }

    /**
     * The first cut in a token that starts at or before {@code offset} (of the bytes Jackson reads),
     * or null. Cuts before {@code from} are dropped first: they were in something already skipped.
     */
    Cut firstCut(long from, long offset) {
        while (!cuts.isEmpty() && cuts.peekFirst().lastOffset() < from) {
            cuts.pollFirst();
        }
        Cut first = cuts.peekFirst();
        return first != null && first.offset() <= offset ? first : null;
    }

    /** The bytes handed to Jackson so far: no token it has read starts past this. */
    long delivered() {
        return outPos;
    }

    /**
     * Whether a cut is noted at or before {@code offset}: one comparison, so the reader asks the parser
     * for its exact place (which allocates) only when a cut may be near.
     */
    boolean cutAtOrBefore(long offset) {
        Cut first = cuts.peekFirst();
        return first != null && first.offset() <= offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            if (utf8 == null) {
                utf8 = isUtf8(b, off, n);
            }
            if (!utf8) {
                return n;
            }
            int w = filter(b, off, n);
            if (w > off) {
                return w - off;
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        // through read, so that skipped bytes are still followed
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(0, r);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** A UTF-16 or UTF-32 file has a zero byte or a UTF-16 byte order mark at its start. */
    private static boolean isUtf8(byte[] b, int off, int n) {
        int first = b[off] & 0xFF;
        return first != 0 && first != 0xFE && first != 0xFF && (n < 2 || b[off + 1] != 0);
    }

    /** Filters {@code n} bytes in place; returns the end of what Jackson gets (never more than came in). */
    private int filter(byte[] b, int off, int n) {
        int w = off;
        int end = off + n;
        for (int r = off; r < end; r++, inPos++) {
            if (state == State.STRING && escape == 0) {
                int run = plainRun(b, r, end);
                if (run > 0) {
                    if (w < r) {
                        System.arraycopy(b, r, b, w, run);
                    }
                    w += run;
                    r += run;
                    inPos += run;
                    outPos += run;
                    length += run;
                    afterCr = false;
                    if (r == end) {
                        break;
                    }
                }
            }
            int c = b[r] & 0xFF;
            countLine(c);
            int out = step(c);
            if (out >= 0) {
                b[w++] = (byte) out;
                outPos++;
            }
        }
        return w;
    }

    /**
     * How many bytes from {@code from} go through a string unchanged: no quote, backslash or line end,
     * and still within the string's bound, so {@link #inString} would only count them. Most of a HAR
     * is string content, and taking it a run at a time instead of a byte at a time through the state
     * machine is what makes this filter cheap next to Jackson.
     */
    private int plainRun(byte[] b, int from, int end) {
        long room = (name ? limits.maxNameBytes() : limits.maxStringBytes()) - length;
        int stop = (int) Math.min(end, from + Math.max(0, room));
        int r = from;
        while (r < stop) {
            byte c = b[r];
            if (c == '"' || c == '\\' || c == '\n' || c == '\r') {
                break;
            }
            r++;
        }
        return r - from;
    }

    private void countLine(int c) {
        if (c == '\n') {
            if (!afterCr) {
                line++;
            }
            lineStart = inPos + 1;
            afterCr = false;
        } else if (c == '\r') {
            line++;
            lineStart = inPos + 1;
            afterCr = true;
        } else {
            afterCr = false;
        }
    }

    /** One byte through the state machine: the byte to hand on, or -1 for none. */
    private int step(int c) {
        while (true) {
            switch (state) {
                case STRING:
                    return inString(c);
                case SKIP_STRING:
                    if (escape != 0) {
                        escape = 0;
                    } else if (c == '\\') {
                        escape = -1;
                    } else if (c == '"') {
                        state = State.VALUE;
                    }
                    return -1;
                case NUMBER:
                    if (isNumberByte(c)) {
                        if (length >= limits.maxNumberBytes() && lastDigit) {
                            cut("a number longer than " + limits.maxNumberBytes() + " characters");
                            state = State.SKIP_NUMBER;
                            return -1;
                        }
                        length++;
                        lastDigit = c >= '0' && c <= '9';
                        return c;
                    }
                    state = State.VALUE;
                    continue;
                case SKIP_NUMBER:
                    if (isNumberByte(c)) {
                        return -1;
                    }
                    state = State.VALUE;
                    continue;
                case SKIP_NESTED:
                    skipNested(c);
                    return -1;
                default:
                    return value(c);
            }
        }
    }

    private int value(int c) {
        switch (c) {
            case '"' -> {
                startToken();
                name = expectName;
                expectName = false;
                escape = 0;
                state = State.STRING;
            }
            case '{', '[' -> {
                if (depth == limits.maxDepth()) {
                    startToken();
                    cut("nesting deeper than " + limits.maxDepth() + " levels");
                    state = State.SKIP_NESTED;
                    skipDepth = 1;
                    skipInString = false;
                    escape = 0;
                    return '0';
                }
                depth++;
                inObject[depth] = c == '{';
                expectName = c == '{';
            }
            case '}', ']' -> {
                depth = Math.max(0, depth - 1);
                expectName = false;
            }
            case ',' -> expectName = inObject[depth];
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    startToken();
                    length = 1;
                    lastDigit = c != '-';
                    state = State.NUMBER;
                }
            }
        }
        return c;
    }

    private int inString(int c) {
        if (escape != 0) {
            escape = escape == -1 ? (c == 'u' ? 4 : 0) : escape - 1;
            length++;
            return c;
        }
        if (c == '"') {
            state = State.VALUE;
            return c;
        }
        int max = name ? limits.maxNameBytes() : limits.maxStringBytes();
        if (length >= max && (c & 0xC0) != 0x80) {
            // between two characters and outside an escape, so what Jackson gets stays valid
            cut((name ? "a field name" : "a string") + " longer than " + max + " bytes");
            state = State.SKIP_STRING;
            escape = c == '\\' ? -1 : 0;
            return '"';
        }
        length++;
        if (c == '\\') {
            escape = -1;
        }
        return c;
    }

    private void skipNested(int c) {
        if (skipInString) {
            if (escape != 0) {
                escape = 0;
            } else if (c == '\\') {
                escape = -1;
            } else if (c == '"') {
                skipInString = false;
            }
        } else if (c == '"') {
            skipInString = true;
        } else if (c == '{' || c == '[') {
            skipDepth++;
        } else if ((c == '}' || c == ']') && --skipDepth == 0) {
            state = State.VALUE;
        }
    }

    private static boolean isNumberByte(int c) {
        return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    private void startToken() {
        length = 0;
        tokenOffset = outPos;
        tokenLine = line;
        tokenColumn = inPos - lineStart + 1;
    }

    private void cut(String what) {
        if (cuts.size() < MAX_NOTED) {
            cuts.addLast(new Cut(tokenOffset, tokenOffset, tokenLine, tokenColumn, what));
        } else {
            Cut last = cuts.pollLast();
            cuts.addLast(new Cut(last.offset(), tokenOffset, last.line(), last.column(), last.what()));
        }
    }
}
