package org.telltale.formats.pcap.proto;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The bytes a client sent on a connection (or UDP flow) that no parser reads, kept in order up to a
 * cap so the canaries can still be searched in them. Remembers where they started and whether the
 * cap cut them.
 */
public final class RawPayload {
    private final int cap;
    private final long firstPacket;
    private final Instant firstTime;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean cut;

    /**
     * @param cap         the most bytes kept
     * @param firstPacket the packet where the client's first bytes were
     * @param firstTime   when they were sent
     */
    public RawPayload(int cap, long firstPacket, Instant firstTime) {
        this.cap = cap;
        this.firstPacket = firstPacket;
        this.firstTime = firstTime;
    }

    /** Keeps what fits under the cap; returns true when this call reached the cap for the first time. */
    public boolean add(byte[] buf, int off, int len) {
        if (cut) {
            return false;
        }
        bytes.write(buf, off, Math.min(cap - bytes.size(), len));
        cut = bytes.size() >= cap;
        return cut;
    }

    /** Whether the cap is reached: nothing more is kept. */
    public boolean full() {
        return cut;
    }

    public int cap() {
        return cap;
    }

    public long firstPacket() {
        return firstPacket;
    }

    public Instant firstTime() {
        return firstTime;
    }

    /** The bytes kept so far. */
    public byte[] bytes() {
        return bytes.toByteArray();
    }
}
