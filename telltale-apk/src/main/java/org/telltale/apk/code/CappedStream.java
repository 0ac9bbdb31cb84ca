package org.telltale.apk.code;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A stream that fails once more than a set number of bytes has come through it, whatever the entry
 * or header it comes from claims: how an inflated zip entry (a zip bomb) or a file copied out of an
 * image is held to its limit while it streams.
 */
public final class CappedStream extends FilterInputStream {
    private final long cap;
    private final Supplier<IOException> past;
    private long read;

    /**
     * @param cap  the most bytes allowed through
     * @param past the exception thrown when a read goes past the cap, saying what and which limit
     */
    public CappedStream(InputStream in, long cap, Supplier<IOException> past) {
        super(in);
        this.cap = cap;
        this.past = past;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            read += n;
            if (read > cap) {
                throw past.get();
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(Math.min(n, Math.max(0, cap - read)));
    }
}
