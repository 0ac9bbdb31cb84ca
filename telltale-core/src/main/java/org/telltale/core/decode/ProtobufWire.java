package org.telltale.core.decode;

import java.util.Arrays;

/**
 * A schema-less reader of the protobuf wire format (varint, fixed64, length-delimited, fixed32).
 * It accepts a buffer only when the whole of it parses; group wire types are refused.
 */
final class ProtobufWire {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private static final int MAX_FIELD = (1 << 29) - 1;
    /** Field numbers this high are legal but so rare that, undeclared, they mark random bytes. */
    private static final int MAX_SNIFFED_FIELD = 4096;

    /** Receives each field of a buffer that parsed. */
    interface FieldSink {
        /** value is the varint or fixed value; for LEN, [from, to) is the field's bytes. */
        void field(int number, int wireType, long value, int from, int to);
    }

    private ProtobufWire() {
    }

    /**
     * Parses the whole of data, handing each field to sink (which may be null); false if any byte
     * does not fit. Strict mode, for undeclared bytes, also wants field numbers in ascending order
     * (as encoders write them) below 4096, and minimal varints.
     */
    static boolean parse(byte[] data, boolean strict, int maxFields, FieldSink sink) {
        int pos = 0;
        int fields = 0;
        int lastField = 0;
        long[] varint = new long[1];
        while (pos < data.length) {
            int next = readVarint(data, pos, varint, strict);
            if (next < 0 || varint[0] >>> 3 > MAX_FIELD) {
                return false;
            }
            pos = next;
            int number = (int) (varint[0] >>> 3);
            int type = (int) (varint[0] & 7);
            if (number == 0 || strict && (number > MAX_SNIFFED_FIELD || number < lastField)) {
                return false;
            }
            lastField = number;
            long value = 0;
            int from = pos;
            switch (type) {
                case VARINT -> {
                    pos = readVarint(data, pos, varint, strict);
                    if (pos < 0) {
                        return false;
                    }
                    value = varint[0];
                }
                case FIXED64 -> {
                    if (data.length - pos < 8) {
                        return false;
                    }
                    value = littleEndian(data, pos, 8);
                    pos += 8;
                }
                case FIXED32 -> {
                    if (data.length - pos < 4) {
                        return false;
                    }
                    value = littleEndian(data, pos, 4);
                    pos += 4;
                }
                case LEN -> {
                    pos = readVarint(data, pos, varint, strict);
                    if (pos < 0 || varint[0] < 0 || varint[0] > data.length - pos) {
                        return false;
                    }
                    from = pos;
                    pos += (int) varint[0];
                    value = varint[0];
                }
                default -> {
                    return false;
                }
            }
            if (++fields > maxFields) {
                return false;
            }
            if (sink != null) {
                sink.field(number, type, value, from, type == LEN ? pos : from);
            }
        }
        return fields > 0;
    }

    /**
     * Undeclared bytes that parse strictly and carry something recognisable: a length-delimited
     * field holding text, compressed data with its magic number (checked as {@link Plausible#hasMagic}
     * does) or raw deflate that passes its validity check, a CBOR or MessagePack structure, gRPC
     * frames, or a nested message that does. Random bytes parse strictly now and then; they almost
     * never also hold such a field, so messages of numbers only are left alone here.
     */
    static boolean plausible(byte[] data) {
        return plausible(data, 0);
    }

    private static boolean plausible(byte[] data, int depth) {
        if (data.length < 2 || depth > 8) {
            return false;
        }
        boolean[] readable = new boolean[1];
        boolean parsed = parse(data, true, 10_000, (number, type, value, from, to) -> {
            if (type == LEN && !readable[0] && to - from >= 2) {
                byte[] field = Arrays.copyOfRange(data, from, to);
                readable[0] = Plausible.text(field) || Plausible.hasMagic(field) || plausible(field, depth + 1)
                        || CborDecoder.plausible(field) || MsgPackDecoder.plausible(field) || GrpcDecoder.plausible(field)
                        || Plausible.rawDeflate(field);
            }
        });
        return parsed && readable[0];
    }

    /** Reads a varint at pos into out[0]; the position after it, or -1. */
    private static int readVarint(byte[] data, int pos, long[] out, boolean strict) {
        long result = 0;
        for (int shift = 0, i = pos; shift < 70 && i < data.length; shift += 7, i++) {
            int b = data[i] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (strict && b == 0 && i > pos) {
                    return -1;
                }
                out[0] = result;
                return i + 1;
            }
        }
        return -1;
    }

    private static long littleEndian(byte[] data, int pos, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xff);
        }
        return v;
    }
}
