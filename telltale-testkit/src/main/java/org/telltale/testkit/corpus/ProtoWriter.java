package org.telltale.testkit.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format by hand, without a schema: what a schema-less decoder must read. */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        writeVarint((long) field << 3);
        writeVarint(value);
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        writeVarint((long) field << 3 | 2);
        writeVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter inner) {
        return bytes(field, inner.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void writeVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
