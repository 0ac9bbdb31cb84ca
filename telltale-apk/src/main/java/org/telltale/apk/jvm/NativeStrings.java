package org.telltale.apk.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * The text in a binary, the way {@code strings(1)} finds it: runs of printable ASCII (space to tilde, and
 * tab) of at least a minimum length, anywhere in the file. Native libraries ({@code .so}) keep the URLs
 * and host names their code connects to this way, where no class file can show them.
 *
 * <p>One pass over the stream with a fixed buffer, linear in its length; bounded by the bytes read, by
 * the number of strings given out ({@value #DEFAULT_MAX_STRINGS} by default: a real library has a few
 * thousand) and by the length of one string ({@value #MAX_STRING_CHARS} characters: a longer run is given
 * out cut, and the rest of it skipped).
 */
public final class NativeStrings {
    /** The shortest run kept by default: strings(1) keeps 4, which in machine code finds mostly noise. */
    public static final int DEFAULT_MIN_LENGTH = 6;
    /** The most strings kept from one file by default. */
    public static final int DEFAULT_MAX_STRINGS = 100_000;
    /** The longest string given out; a longer run is cut. */
    public static final int MAX_STRING_CHARS = 4_096;

    private NativeStrings() {
    }

    /**
     * Gives out each printable run of at least {@code minLength} characters, in file order, from at most
     * {@code maxBytes} bytes of the stream, stopping after {@code maxStrings} strings.
     *
     * @return whether a bound stopped it before the end of the stream
     */
    public static boolean extract(InputStream in, long maxBytes, int minLength, int maxStrings, Consumer<String> out)
            throws IOException {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be at least 1: " + minLength);
        }
        byte[] buffer = new byte[64 * 1024];
        char[] run = new char[MAX_STRING_CHARS];
        int length = 0;
        int given = 0;
        long read = 0;
        while (read < maxBytes) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - read));
            if (n < 0) {
                break;
            }
            read += n;
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xff;
                if (b >= 0x20 && b < 0x7f || b == '\t') {
                    if (length < MAX_STRING_CHARS) {
                        run[length++] = (char) b;
                    }
                } else {
                    if (length >= minLength) {
                        if (given == maxStrings) {
                            return true;
                        }
                        out.accept(new String(run, 0, length));
                        given++;
                    }
                    length = 0;
                }
            }
        }
        // The end, or maxBytes: a run in progress is given out as far as it was read, as strings(1) does at the end.
        if (length >= minLength) {
            if (given == maxStrings) {
                return true;
            }
            out.accept(new String(run, 0, length));
        }
        return read >= maxBytes && in.read() >= 0;
    }
}
