package org.telltale.apk.dex;

import org.telltale.apk.code.CodeFormatException;

/**
 * Walks a DEX encoded_array (a class's static values, a call site's arguments) and hands each
 * top-level value's type and raw bits to a sink; nested arrays and annotations are stepped over, to
 * a bounded depth, since nothing kept lives inside them.
 */
final class EncodedValues {
    static final int VALUE_METHOD_HANDLE = 0x16;
    static final int VALUE_STRING = 0x17;

    private static final int VALUE_BYTE = 0x00;
    private static final int VALUE_ARRAY = 0x1c;
    private static final int VALUE_ANNOTATION = 0x1d;
    private static final int VALUE_NULL = 0x1e;
    private static final int VALUE_BOOLEAN = 0x1f;
    private static final int MAX_DEPTH = 16;

    /** Receives one top-level value: its type (VALUE_*) and its bits, zero-extended (an index, for the index kinds). */
    @FunctionalInterface
    interface Sink {
        void value(int type, long bits);
    }

    private EncodedValues() {
    }

    /** Reads the encoded_array at the cursor: a ULEB128 count, then that many values. */
    static void readArray(DexInput.Cursor c, Sink sink) throws CodeFormatException {
        int size = c.ulebOffset();
        for (int i = 0; i < size; i++) {
            readValue(c, sink, 0);
        }
    }

    private static void readValue(DexInput.Cursor c, Sink sink, int depth) throws CodeFormatException {
        if (depth > MAX_DEPTH) {
            throw new CodeFormatException("encoded values nested more than " + MAX_DEPTH + " deep at 0x" + Integer.toHexString(c.pos));
        }
        int at = c.pos;
        int header = c.u1();
        int type = header & 0x1f;
        int arg = header >>> 5;
        switch (type) {
            case VALUE_ARRAY -> skipArray(c, depth + 1);
            case VALUE_ANNOTATION -> skipAnnotation(c, depth + 1);
            case VALUE_NULL, VALUE_BOOLEAN -> {
                if (depth == 0) {
                    sink.value(type, arg);
                }
            }
            case VALUE_BYTE, 0x02, 0x03, 0x04, 0x06, 0x10, 0x11, 0x15, VALUE_METHOD_HANDLE, VALUE_STRING,
                 0x18, 0x19, 0x1a, 0x1b -> {
                long bits = c.bytes(arg + 1);
                if (depth == 0) {
                    sink.value(type, bits);
                }
            }
            default -> throw new CodeFormatException(String.format("encoded value at 0x%x has unknown type 0x%02x", at, type));
        }
    }

    private static void skipArray(DexInput.Cursor c, int depth) throws CodeFormatException {
        int size = c.ulebOffset();
        for (int i = 0; i < size; i++) {
            readValue(c, null, depth);
        }
    }

    private static void skipAnnotation(DexInput.Cursor c, int depth) throws CodeFormatException {
        c.uleb(); // type_idx
        int size = c.ulebOffset();
        for (int i = 0; i < size; i++) {
            c.uleb(); // name_idx
            readValue(c, null, depth);
        }
    }
}
