package org.telltale.apk.dex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.telltale.apk.code.CodeFormatException;

/**
 * The bytes of one DEX file or v041 container, read in place through a little-endian view. Every
 * table or item is range-checked once ({@link #check}) before the unchecked reads inside it, so the
 * hot loops stay plain array reads. Also keeps the work budget that makes a hostile file whose items
 * all point at the same big item cost no more than a few passes over its bytes.
 */
final class DexInput {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A real file reads each byte about once; items shared by hostile design are allowed this many passes. */
    private static final int PASSES = 4;

    final byte[] data;
    /** The end of the file or container: offsets past it are errors even where data has more bytes. */
    final int end;
    private long budget;

    DexInput(byte[] data, int end) {
        this.data = data;
        this.end = end;
        this.budget = PASSES * (long) end + 65_536;
    }

    /** Fails unless {@code length} bytes at {@code offset} lie inside the file; {@code what} names the table or item. */
    void check(String what, long offset, long length) throws CodeFormatException {
        if (offset < 0 || length < 0 || offset > end || length > end - offset) {
            throw new CodeFormatException(String.format("%s at 0x%x (%d bytes) runs past the end of the DEX at 0x%x",
                    what, offset, length, end));
        }
    }

    /** Counts bytes decoded from items a file may point at more than once (class data, code, strings). */
    void spend(long bytes, String what, long offset) throws CodeFormatException {
        budget -= bytes;
        if (budget < 0) {
            throw new CodeFormatException(String.format(
                    "%s at 0x%x: the DEX points at the same data over and over (more than %d passes over its bytes)",
                    what, offset, PASSES));
        }
    }

    int u1(int at) {
        return data[at] & 0xff;
    }

    int u2(int at) {
        return (short) U16.get(data, at) & 0xffff;
    }

    int s4(int at) {
        return (int) U32.get(data, at);
    }

    long s8(int at) {
        return (long) U64.get(data, at);
    }

    /** A uint used as an offset or a size: one that does not fit in an int cannot point inside a byte array. */
    int offset(String what, int at) throws CodeFormatException {
        int v = s4(at);
        if (v < 0) {
            throw new CodeFormatException(String.format("%s at 0x%x: 0x%x is past any DEX", what, at, Integer.toUnsignedLong(v)));
        }
        return v;
    }

    /** A cursor over variable-length items (LEB128 sequences), starting at {@code at}. */
    Cursor cursor(String what, int at) throws CodeFormatException {
        check(what, at, 0);
        return new Cursor(what, at);
    }

    /** Reads items whose length is only known while reading them; every byte is checked against the end. */
    final class Cursor {
        private final String what;
        private final int start;
        int pos;

        private Cursor(String what, int at) {
            this.what = what;
            this.start = at;
            this.pos = at;
        }

        int u1() throws CodeFormatException {
            if (pos >= end) {
                throw past();
            }
            return data[pos++] & 0xff;
        }

        /** An unsigned LEB128 of at most five bytes; bits past the 32nd are dropped, as the format only encodes 32-bit values. */
        int uleb() throws CodeFormatException {
            int result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u1();
                result |= (b & 0x7f) << shift;
                if (b < 0x80) {
                    return result;
                }
            }
            throw new CodeFormatException(String.format("%s at 0x%x: a LEB128 at 0x%x is longer than 5 bytes", what, start, pos - 5));
        }

        /** A ULEB128 used as an offset or size: negative when read as an int means past any DEX. */
        int ulebOffset() throws CodeFormatException {
            int v = uleb();
            if (v < 0) {
                throw new CodeFormatException(String.format("%s at 0x%x: offset 0x%x is past any DEX",
                        what, start, Integer.toUnsignedLong(v)));
            }
            return v;
        }

        /** {@code count} little-endian bytes, zero-extended (encoded values). */
        long bytes(int count) throws CodeFormatException {
            if (count > end - pos) {
                throw past();
            }
            long v = 0;
            for (int i = 0; i < count; i++) {
                v |= (long) (data[pos++] & 0xff) << (8 * i);
            }
            return v;
        }

        /** How many bytes were read since the cursor started. */
        int consumed() {
            return pos - start;
        }

        private CodeFormatException past() {
            return new CodeFormatException(String.format("%s at 0x%x runs past the end of the DEX at 0x%x", what, start, end));
        }
    }
}
