package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A partition being rebuilt in a temporary file from a stream (a sparse image, a payload's operations, a
 * transfer list's new data): bytes land at their positions, and what no one writes stays a hole, read
 * back as zeros, so an unpacked partition costs the disk only what it holds.
 */
final class PartitionFile {
    private final FileChannel out;
    private final FirmwareProgress progress;
    private final byte[] buffer = new byte[1 << 16];

    PartitionFile(FileChannel out, FirmwareProgress progress) {
        this.out = out;
        this.progress = progress;
    }

    /**
     * Copies exactly {@code length} bytes of the stream to {@code position}; false when the stream ends
     * first (the caller names the container in its message).
     */
    boolean copy(InputStream in, long position, long length) throws IOException {
        for (long left = length; left > 0; ) {
            int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
            if (n == 0) {
                return false;
            }
            write(ByteBuffer.wrap(buffer, 0, n), position);
            position += n;
            left -= n;
            progress.advanced(n);
        }
        return true;
    }

    /** Writes the four bytes of {@code value} over and over, {@code length} bytes from {@code position}. */
    void fill(byte[] value, long position, long length) throws IOException {
        byte[] pattern = new byte[buffer.length];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = value[i & 3];
        }
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(pattern.length, left);
            write(ByteBuffer.wrap(pattern, 0, n), position);
            position += n;
            left -= n;
        }
    }

    /** Makes the file {@code size} bytes long; the end no one wrote stays a hole. */
    void extendTo(long size) throws IOException {
        if (size > 0 && out.size() < size) {
            write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    /** The finished partition, read where it was written. */
    ImageView view() throws IOException {
        return ImageView.of(out);
    }

    private void write(ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            position += out.write(b, position);
        }
    }
}
