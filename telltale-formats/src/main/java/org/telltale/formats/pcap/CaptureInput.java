package org.telltale.formats.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Streams a capture file through one fixed buffer, so a file of many gigabytes is read in bounded
 * memory, and reports how far it got.
 */
final class CaptureInput implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private final LongConsumer progress;
    private final long size;
    private long bufferStart;

    CaptureInput(Path file, LongConsumer progress) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.progress = progress;
        this.size = channel.size();
        buffer.limit(0);
    }

    /** The file's length in bytes. */
    long size() {
        return size;
    }

    /** The offset of the next byte to read. */
    long position() {
        return bufferStart + buffer.position();
    }

    /** Reads up to {@code len} bytes; fewer only at the end of the file. */
    int read(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (!buffer.hasRemaining() && !refill()) {
                break;
            }
            int n = Math.min(len - done, buffer.remaining());
            buffer.get(dst, off + done, n);
            done += n;
        }
        return done;
    }

    /** Skips up to {@code count} bytes; returns how many were there to skip. */
    long skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (!buffer.hasRemaining() && !refill()) {
                break;
            }
            int n = (int) Math.min(left, buffer.remaining());
            buffer.position(buffer.position() + n);
            left -= n;
        }
        return count - left;
    }

    private boolean refill() throws IOException {
        bufferStart += buffer.limit();
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        buffer.flip();
        if (progress != null) {
            progress.accept(bufferStart + Math.max(0, n));
        }
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
