package org.telltale.formats.pcap.proto;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The bytes of one direction that have arrived but are not yet consumed, remembering which packet
 * carried each byte so that a message can be dated by its first byte.
 */
final class StreamBuffer {
    /** Where a packet's bytes begin in the stream. */
    private record Mark(long offset, long packet, Instant time) {
    }

    /** Receives the held bytes again, one packet's worth at a time. */
    interface Sink {
        void accept(long packet, Instant time, byte[] buf, int off, int len);
    }

    private byte[] data = new byte[512];
    private int start;
    private int end;
    /** The stream offset of data[start]. */
    private long base;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();

    void append(long packet, Instant time, byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        Mark last = marks.peekLast();
        if (last == null || last.packet() != packet) {
            marks.addLast(new Mark(base + size(), packet, time));
        }
        ensureRoom(len);
        System.arraycopy(buf, off, data, end, len);
        end += len;
    }

    private void ensureRoom(int len) {
        if (data.length - end >= len) {
            return;
        }
        int size = size();
        if (start > 0 && data.length - size >= len && start >= data.length / 2) {
            System.arraycopy(data, start, data, 0, size);
        } else {
            long want = Math.max((long) data.length * 2, (long) size + len);
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
        while (marks.size() > 1) {
            Iterator<Mark> it = marks.iterator();
            it.next();
            if (it.next().offset() <= base) {
                marks.removeFirst();
            } else {
                break;
            }
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
        Mark m = markAt(i);
        return m == null ? 0 : m.packet();
    }

    Instant timeAt(int i) {
        Mark m = markAt(i);
        return m == null ? null : m.time();
    }

    private Mark markAt(int i) {
        long offset = base + i;
        Mark found = null;
        for (Mark m : marks) {
            if (m.offset() > offset) {
                break;
            }
            found = m;
        }
        return found;
    }

    /** Hands every held byte to the sink, split by the packets that carried them; keeps them held. */
    void replay(Sink sink) {
        Mark[] all = marks.toArray(new Mark[0]);
        for (int k = 0; k < all.length; k++) {
            long from = Math.max(all[k].offset(), base);
            long to = k + 1 < all.length ? all[k + 1].offset() : base + size();
            if (to > from) {
                sink.accept(all[k].packet(), all[k].time(), data, start + (int) (from - base), (int) (to - from));
            }
        }
    }
}
