package org.telltale.proxy.internal;

import java.io.ByteArrayOutputStream;

import io.netty.buffer.ByteBuf;

/**
 * Keeps the first {@code limit} bytes of a body that streams past, and counts the rest. The body
 * itself is never held back: what is recorded is a copy.
 */
public final class BodyRecorder {
    /** The most one byte array can hold, whatever the limit asked. */
    private static final long ARRAY_LIMIT = Integer.MAX_VALUE - 16;

    private final long limit;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private long seen;

    public BodyRecorder(long limit) {
        this.limit = Math.min(limit, ARRAY_LIMIT);
    }

    /** Copies what still fits of the buffer's readable bytes; the buffer is left as it was. */
    public void add(ByteBuf content) {
        int readable = content.readableBytes();
        long room = limit - recorded.size();
        int take = (int) Math.min(room, readable);
        if (take > 0) {
            byte[] copy = new byte[take];
            content.getBytes(content.readerIndex(), copy);
            recorded.writeBytes(copy);
        }
        seen += readable;
    }

    /** Adds bytes already copied out of a buffer. */
    public void add(byte[] content) {
        long room = limit - recorded.size();
        int take = (int) Math.min(room, content.length);
        if (take > 0) {
            recorded.write(content, 0, take);
        }
        seen += content.length;
    }

    /** True when more bytes went past than were kept. */
    public boolean truncated() {
        return seen > recorded.size();
    }

    /** Bytes that went past, kept or not. */
    public long seen() {
        return seen;
    }

    /** The bytes kept. */
    public byte[] bytes() {
        return recorded.toByteArray();
    }
}
