package org.telltale.formats.pcap.proto;

import java.time.Instant;
import java.util.Arrays;

/**
 * The bytes of one direction that have arrived but are not yet consumed, remembering which packet
 * carried each byte so that a message can be dated by its first byte. The marks (where each
 * packet's bytes begin) live in plain arrays rather than objects, since one is added per packet.
 */
final class StreamBuffer {
    private static final int FIRST_MARKS = 8;
    private static final int FIRST_BYTES = 512;
    private static final byte[] NO_BYTES = new byte[0];

    /** Receives the held bytes again, one packet's worth at a time. */
    interface Sink {
        void accept(long packet, Instant time, byte[] buf, int off, int len);
    }

    // Arrays are made on first use: a connection has four buffers, and most stay empty or small.
    private byte[] data = NO_BYTES;
    private int start;
    private int end;
    /** The stream offset of data[start]. */
    private long base;

    /** Where each marked packet's bytes begin in the stream; live marks are [firstMark, markCount). */
    private long[] markOffsets = new long[0];
    private long[] markPackets = new long[0];
    private Instant[] markTimes = new Instant[0];
    private int firstMark;
    private int markCount;

    void append(long packet, Instant time, byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (markCount == firstMark || markPackets[markCount - 1] != packet) {
            addMark(base + size(), packet, time);
        }
        ensureRoom(len);
        System.arraycopy(buf, off, data, end, len);
        end += len;
    }

    private void addMark(long offset, long packet, Instant time) {
        if (markCount == markOffsets.length) {
            int live = markCount - firstMark;
            if (firstMark > 0 && firstMark >= markOffsets.length / 2) {
                System.arraycopy(markOffsets, firstMark, markOffsets, 0, live);
                System.arraycopy(markPackets, firstMark, markPackets, 0, live);
                System.arraycopy(markTimes, firstMark, markTimes, 0, live);
                Arrays.fill(markTimes, live, markCount, null);
            } else {
                int grown = Math.max(FIRST_MARKS, markOffsets.length * 2);
                markOffsets = Arrays.copyOfRange(markOffsets, firstMark, firstMark + grown);
                markPackets = Arrays.copyOfRange(markPackets, firstMark, firstMark + grown);
                markTimes = Arrays.copyOfRange(markTimes, firstMark, firstMark + grown);
            }
            firstMark = 0;
            markCount = live;
        }
        markOffsets[markCount] = offset;
        markPackets[markCount] = packet;
        markTimes[markCount] = time;
        markCount++;
    }

    private void ensureRoom(int len) {
        if (data.length - end >= len) {
            return;
        }
        int size = size();
        if (start > 0 && data.length - size >= len && start >= data.length / 2) {
            System.arraycopy(data, start, data, 0, size);
        } else {
            long want = Math.max(Math.max((long) data.length * 2, FIRST_BYTES), (long) size + len);
            byte[] grown = new byte[(int) Math.min(want, Integer.MAX_VALUE - 8)];
            System.arraycopy(data, start, grown, 0, size);
            data = grown;
        }
        start = 0;
        end = size;
    }

    int size() {
        return end - start;
    }

    /** The backing array; the held bytes are at [start(), start() + size()). */
    byte[] array() {
        return data;
    }

    int start() {
        return start;
    }

    /** The byte at this index from the first held byte. */
    int at(int i) {
        return data[start + i] & 0xFF;
    }

    void consume(int n) {
        start += n;
        base += n;
        // a mark stays while it is the last one or the next one begins after the first held byte
        while (markCount - firstMark > 1 && markOffsets[firstMark + 1] <= base) {
            markTimes[firstMark] = null;
            firstMark++;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    void clear() {
        consume(size());
    }

    /** The packet that carried the held byte at this index; 0 when nothing was ever appended. */
    long packetAt(int i) {
        int m = markAt(i);
        return m < 0 ? 0 : markPackets[m];
    }

    Instant timeAt(int i) {
        int m = markAt(i);
        return m < 0 ? null : markTimes[m];
    }

    /** The index of the mark that covers the held byte at {@code i}, or -1 when there is none. */
    private int markAt(int i) {
        long offset = base + i;
        int found = -1;
        for (int m = firstMark; m < markCount && markOffsets[m] <= offset; m++) {
            found = m;
        }
        return found;
    }

    /** Hands every held byte to the sink, split by the packets that carried them; keeps them held. */
    void replay(Sink sink) {
        // copies: the sink may append to this buffer's marks while it runs
        long[] offsets = Arrays.copyOfRange(markOffsets, firstMark, markCount);
        long[] packets = Arrays.copyOfRange(markPackets, firstMark, markCount);
        Instant[] times = Arrays.copyOfRange(markTimes, firstMark, markCount);
        long heldEnd = base + size();
        long heldBase = base;
        int heldStart = start;
        byte[] held = data;
        for (int k = 0; k < offsets.length; k++) {
            long from = Math.max(offsets[k], heldBase);
            long to = k + 1 < offsets.length ? offsets[k + 1] : heldEnd;
            if (to > from) {
                sink.accept(packets[k], times[k], held, heldStart + (int) (from - heldBase), (int) (to - from));
            }
        }
    }
}
