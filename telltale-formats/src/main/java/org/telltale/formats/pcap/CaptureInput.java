package org.telltale.formats.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Streams a capture file through one buffer, so a file of many gigabytes is read in bounded
 * memory, and reports how far it got. Records are read in place ({@link #window}), so a packet's
 * bytes are not copied on their way to the parsers. The buffer only grows for a record larger than
 * it, and records are bounded by the formats.
 */
final class CaptureInput implements AutoCloseable {
    private static final int BUFFER = 1 << 20;
    private static final long PROGRESS_STEP = 1 << 20;

    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private final LongConsumer progress;
    private final long size;
    /** The file offset of buffer index 0. */
    private long bufferStart;
    private long reported = -1;

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

    /**
     * Makes the next {@code n} bytes readable in one piece in {@link #array()} and returns the index
     * of the first, without moving past them; -1 when the file ends before {@code n} bytes.
     */
    int window(int n) throws IOException {
        if (buffer.remaining() < n && !fill(n)) {
            return -1;
        }
        return buffer.position();
    }

    /** The array that {@link #window} indexes into; valid until the next call on this input. */
    byte[] array() {
        return buffer.array();
    }

    /** Moves past {@code n} bytes that {@link #window} made readable. */
    void advance(int n) {
        buffer.position(buffer.position() + n);
    }

    /** Reads up to {@code len} bytes; fewer only at the end of the file. */
    int read(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (!buffer.hasRemaining() && !fill(1)) {
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
            if (!buffer.hasRemaining() && !fill(1)) {
                break;
            }
            int n = (int) Math.min(left, buffer.remaining());
            buffer.position(buffer.position() + n);
            left -= n;
        }
        return count - left;
    }

    /** Reads until at least {@code n} bytes wait in the buffer; false when the file ends first. */
    private boolean fill(int n) throws IOException {
        bufferStart += buffer.position();
        if (buffer.capacity() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(n);
            bigger.put(buffer);
            buffer = bigger;
        } else {
            buffer.compact();
        }
        while (buffer.position() < n) {
            int got = channel.read(buffer);
            if (got < 0) {
                break;
            }
        }
        buffer.flip();
        report();
        return buffer.remaining() >= n;
    }

    private void report() {
        long at = bufferStart + buffer.limit();
        if (progress != null && (at - reported >= PROGRESS_STEP || at == size) && at != reported) {
            reported = at;
            progress.accept(at);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
