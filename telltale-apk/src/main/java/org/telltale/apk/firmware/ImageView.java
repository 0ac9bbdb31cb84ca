package org.telltale.apk.firmware;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one partition, read at any position without holding them: a whole file, a region of
 * one (a partition inside a super.img, payload.bin inside an OTA zip), or several regions and runs of
 * zeros laid end to end (a logical partition made of several extents). Thread-confined, like the
 * walk that uses it.
 */
final class ImageView {
    /** One run of the view: {@code length} bytes from {@code fileOffset} of the file, or zeros when that is negative. */
    record Segment(long fileOffset, long length) {
        static Segment zeros(long length) {
            return new Segment(-1, length);
        }
    }

    private final FileChannel channel;
    private final long[] starts;
    private final Segment[] segments;
    private final long size;

    ImageView(FileChannel channel, List<Segment> segments) {
        this.channel = channel;
        this.segments = segments.toArray(Segment[]::new);
        this.starts = new long[this.segments.length];
        long at = 0;
        for (int i = 0; i < this.segments.length; i++) {
            starts[i] = at;
            at += this.segments[i].length();
        }
        this.size = at;
    }

    /** The whole of a file. */
    static ImageView of(FileChannel channel) throws IOException {
        return new ImageView(channel, List.of(new Segment(0, channel.size())));
    }

    /** {@code length} bytes of a file from {@code offset}. */
    static ImageView region(FileChannel channel, long offset, long length) {
        return new ImageView(channel, List.of(new Segment(offset, length)));
    }

    long size() {
        return size;
    }

    FileChannel channel() {
        return channel;
    }

    /** The runs of the view, for a copy that wants them whole (an external tool reading the image). */
    List<Segment> segments() {
        return new ArrayList<>(List.of(segments));
    }

    /** Fills {@code dst} from {@code position}; past the end of the view is an {@link EOFException}. */
    void read(long position, ByteBuffer dst) throws IOException {
        if (position < 0 || position > size || dst.remaining() > size - position) {
            throw new EOFException("read of " + dst.remaining() + " bytes at " + position + " past the end ("
                    + size + " bytes)");
        }
        int i = segmentAt(position);
        while (dst.hasRemaining()) {
            Segment s = segments[i];
            long within = position - starts[i];
            int n = (int) Math.min(dst.remaining(), s.length() - within);
            if (s.fileOffset() < 0) {
                for (int k = 0; k < n; k++) {
                    dst.put((byte) 0);
                }
            } else {
                ByteBuffer part = dst.slice(dst.position(), n);
                long at = s.fileOffset() + within;
                while (part.hasRemaining()) {
                    int r = channel.read(part, at + part.position());
                    if (r < 0) {
                        throw new EOFException("image file ends at " + (at + part.position()));
                    }
                }
                dst.position(dst.position() + n);
            }
            position += n;
            i++;
        }
    }

    /**
     * A view made of runs of this one (positions in this view, or zeros), as a file's extents map its
     * bytes onto its partition: the runs are translated down to the file, so reading never stacks views.
     */
    ImageView slice(List<Segment> runs) throws EOFException {
        List<Segment> out = new ArrayList<>();
        for (Segment run : runs) {
            if (run.fileOffset() < 0) {
                out.add(run);
                continue;
            }
            long position = run.fileOffset();
            long left = run.length();
            if (position < 0 || position > size || left > size - position) {
                throw new EOFException("a run of " + left + " bytes at " + position + " past the end (" + size
                        + " bytes)");
            }
            int i = segmentAt(position);
            while (left > 0) {
                Segment s = segments[i];
                long within = position - starts[i];
                long n = Math.min(left, s.length() - within);
                out.add(s.fileOffset() < 0 ? Segment.zeros(n) : new Segment(s.fileOffset() + within, n));
                position += n;
                left -= n;
                i++;
            }
        }
        return new ImageView(channel, out);
    }

    /** Reads the view from start to end. */
    InputStream stream() {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                ImageView.this.read(position, ByteBuffer.wrap(b, off, n));
                position += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long k = Math.max(0, Math.min(n, size - position));
                position += k;
                return k;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, size - position);
            }
        };
    }

    /** {@code length} bytes from {@code position}, for the small structures of a file system. */
    byte[] bytes(long position, int length) throws IOException {
        byte[] out = new byte[length];
        read(position, ByteBuffer.wrap(out));
        return out;
    }

    private int segmentAt(long position) {
        int lo = 0;
        int hi = segments.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // Skip empty runs so that a read at a boundary starts in the run that holds the byte.
        while (lo < segments.length - 1 && position - starts[lo] >= segments[lo].length()) {
            lo++;
        }
        return lo;
    }
}
