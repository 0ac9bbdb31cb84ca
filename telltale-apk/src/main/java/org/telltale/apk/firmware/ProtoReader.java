package org.telltale.apk.firmware;

/**
 * Reads the few protobuf fields of payload.bin's manifest Telltale needs (partition names and sizes,
 * operations and their extents). By hand because the manifest's schema is a handful of fields and
 * protobuf-java is only a test dependency here; generated classes for update_metadata.proto would add
 * a runtime library for six fields. Every length is checked against the bytes left, so a hostile
 * manifest cannot read past its message.
 */
final class ProtoReader {
    private final byte[] buf;
    private final int end;
    private int at;
    private int tag;

    ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.at = from;
        this.end = to;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() throws FirmwareFormatException {
        if (at >= end) {
            return false;
        }
        long key = varint();
        if (key >>> 3 == 0 || key >>> 3 > Integer.MAX_VALUE) {
            throw new FirmwareFormatException("payload: bad protobuf field key at " + at);
        }
        tag = (int) key;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    long varint() throws FirmwareFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= end) {
                throw new FirmwareFormatException("payload: protobuf varint cut at " + at);
            }
            byte b = buf[at++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new FirmwareFormatException("payload: protobuf varint too long at " + at);
    }

    /** The current length-delimited field as a reader of its own bytes. */
    ProtoReader message() throws FirmwareFormatException {
        int[] span = span();
        return new ProtoReader(buf, span[0], span[1]);
    }

    String string() throws FirmwareFormatException {
        int[] span = span();
        return new String(buf, span[0], span[1] - span[0], java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Skips the current field's value, whatever its wire type. */
    void skip() throws FirmwareFormatException {
        switch (tag & 7) {
            case 0 -> varint();
            case 1 -> advance(8);
            case 2 -> span();
            case 5 -> advance(4);
            default -> throw new FirmwareFormatException("payload: protobuf wire type " + (tag & 7) + " at " + at);
        }
    }

    /** The current field as a varint, or a format error when it is another wire type. */
    long uint() throws FirmwareFormatException {
        if ((tag & 7) != 0) {
            throw new FirmwareFormatException("payload: field " + field() + " is not a varint");
        }
        return varint();
    }

    private int[] span() throws FirmwareFormatException {
        if ((tag & 7) != 2) {
            throw new FirmwareFormatException("payload: field " + field() + " is not length-delimited");
        }
        long len = varint();
        if (len < 0 || len > end - at) {
            throw new FirmwareFormatException("payload: protobuf field " + field() + " of " + len
                    + " bytes past its message");
        }
        int from = at;
        at += (int) len;
        return new int[] {from, at};
    }

    private void advance(int n) throws FirmwareFormatException {
        if (n > end - at) {
            throw new FirmwareFormatException("payload: protobuf field cut at " + at);
        }
        at += n;
    }
}
