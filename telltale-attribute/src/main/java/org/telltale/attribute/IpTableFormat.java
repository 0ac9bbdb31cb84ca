package org.telltale.attribute;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compact file that holds one IP dataset: gzip over a header, a table of values (a number and a
 * name, such as an ASN and its organisation, or 0 and a country code), then IPv4 and IPv6 range starts
 * as variable-length deltas. Only range starts are stored; a gap between ranges is a start with no value.
 * Reading decodes everything into flat arrays once, which keeps opening fast and lookups allocation-free.
 */
public final class IpTableFormat {
    private static final int MAGIC = 0x54544950; // "TTIP"
    private static final int VERSION = 1;
    /** Largest decompressed file accepted; the real datasets need about 5 MiB. */
    private static final int MAX_BYTES = 256 << 20;
    /** Longest value name accepted, in bytes. */
    private static final int MAX_NAME = 4096;

    private IpTableFormat() {
    }

    /** One value a range maps to. @param number an ASN, or 0 @param name an organisation or a country code */
    public record Value(long number, String name) {
    }

    /** An inclusive IPv4 range, bounds unsigned 32-bit. @param start first address @param end last address @param value index into the values */
    public record V4Range(long start, long end, int value) {
    }

    /**
     * An inclusive IPv6 range, each bound as two unsigned 64-bit halves.
     *
     * @param startHigh high half of the first address
     * @param startLow  low half of the first address
     * @param endHigh   high half of the last address
     * @param endLow    low half of the last address
     * @param value     index into the values
     */
    public record V6Range(long startHigh, long startLow, long endHigh, long endLow, int value) {
    }

    /** A decoded file. @param values what ranges map to @param ranges the lookup table */
    record Decoded(List<Value> values, RangeTable ranges) {
    }

    /**
     * Writes ranges sorted by start; overlapping ranges are clipped to what earlier ones left uncovered,
     * and touching ranges with the same value are merged.
     */
    public static void write(OutputStream out, List<Value> values, List<V4Range> v4, List<V6Range> v6) throws IOException {
        Encoder encoder = new Encoder();
        encoder.fixed(MAGIC);
        encoder.fixed(VERSION);
        encoder.varLong(values.size());
        for (Value value : values) {
            encoder.varLong(value.number());
            byte[] name = value.name().getBytes(StandardCharsets.UTF_8);
            encoder.varLong(name.length);
            encoder.bytes.write(name, 0, name.length);
        }
        encodeV4(encoder, v4);
        encodeV6(encoder, v6);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
            encoder.bytes.writeTo(gzip);
        }
    }

    private static void encodeV4(Encoder encoder, List<V4Range> ranges) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Encoder entries = new Encoder(body);
        long count = 0;
        long previousStart = 0;
        long nextFree = 0; // first address not yet covered, 2^32 when all is covered
        int previousValue = -1;
        for (V4Range range : ranges) {
            long start = Math.max(range.start(), nextFree);
            if (start > range.end()) {
                continue;
            }
            if (start > nextFree && count > 0) {
                entries.varLong(nextFree - previousStart);
                entries.varLong(0);
                previousStart = nextFree;
                previousValue = -1;
                count++;
            }
            if (range.value() != previousValue || start != nextFree || count == 0) {
                entries.varLong(start - previousStart);
                entries.varLong(range.value() + 1L);
                previousStart = start;
                previousValue = range.value();
                count++;
            }
            nextFree = range.end() + 1;
        }
        if (count > 0 && nextFree <= 0xFFFFFFFFL) {
            entries.varLong(nextFree - previousStart);
            entries.varLong(0);
            count++;
        }
        encoder.varLong(count);
        encoder.bytes.writeBytes(body.toByteArray());
    }

    private static void encodeV6(Encoder encoder, List<V6Range> ranges) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Encoder entries = new Encoder(body);
        long count = 0;
        long[] previous = {0, 0};
        long[] nextFree = {0, 0};
        boolean coveredToEnd = false;
        int previousValue = -1;
        for (V6Range range : ranges) {
            if (coveredToEnd) {
                break;
            }
            long[] start = {range.startHigh(), range.startLow()};
            if (compare(start, nextFree) < 0) {
                start = nextFree.clone();
            }
            if (compare(start, new long[] {range.endHigh(), range.endLow()}) > 0) {
                continue;
            }
            if (compare(start, nextFree) > 0 && count > 0) {
                writeV6Start(entries, previous, nextFree, -1);
                previous = nextFree.clone();
                previousValue = -1;
                count++;
            }
            if (range.value() != previousValue || compare(start, nextFree) != 0 || count == 0) {
                writeV6Start(entries, previous, start, range.value());
                previous = start;
                previousValue = range.value();
                count++;
            }
            coveredToEnd = range.endHigh() == -1 && range.endLow() == -1;
            nextFree = increment(range.endHigh(), range.endLow());
        }
        if (count > 0 && !coveredToEnd) {
            writeV6Start(entries, previous, nextFree, -1);
            count++;
        }
        encoder.varLong(count);
        encoder.bytes.writeBytes(body.toByteArray());
    }

    private static void writeV6Start(Encoder entries, long[] previous, long[] start, int value) {
        long highDelta = start[0] - previous[0];
        entries.varLong(highDelta);
        entries.varLong(highDelta == 0 ? start[1] - previous[1] : start[1]);
        entries.varLong(value + 1L);
    }

    private static long[] increment(long high, long low) {
        return low == -1 ? new long[] {high + 1, 0} : new long[] {high, low + 1};
    }

    private static int compare(long[] a, long[] b) {
        int high = Long.compareUnsigned(a[0], b[0]);
        return high != 0 ? high : Long.compareUnsigned(a[1], b[1]);
    }

    /**
     * Reads a whole file.
     *
     * @throws IOException when the stream fails or the content is not a valid file of this format
     */
    static Decoded read(InputStream in) throws IOException {
        byte[] bytes;
        try (GZIPInputStream gzip = new GZIPInputStream(in, 1 << 16)) {
            bytes = gzip.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("IP table larger than " + MAX_BYTES + " bytes");
        }
        return decode(bytes);
    }

    private static Decoded decode(byte[] bytes) throws IOException {
        Decoder decoder = new Decoder(bytes);
        if (decoder.fixed() != MAGIC || decoder.fixed() != VERSION) {
            throw new IOException("not a Telltale IP table (format " + VERSION + ")");
        }
        int valueCount = decoder.count(2);
        Value[] values = new Value[valueCount];
        for (int i = 0; i < valueCount; i++) {
            long number = decoder.varLong();
            int length = (int) decoder.bounded(MAX_NAME);
            values[i] = new Value(number, decoder.utf8(length));
        }
        int v4Count = decoder.count(2);
        int[] v4Starts = new int[v4Count];
        int[] v4Values = new int[v4Count];
        long start = 0;
        for (int i = 0; i < v4Count; i++) {
            start += decoder.varLong();
            if (start > 0xFFFFFFFFL) {
                throw new IOException("IPv4 range start out of order");
            }
            v4Starts[i] = (int) start ^ Integer.MIN_VALUE;
            v4Values[i] = (int) decoder.bounded(valueCount) - 1;
        }
        int v6Count = decoder.count(3);
        long[] v6High = new long[v6Count];
        long[] v6Low = new long[v6Count];
        int[] v6Values = new int[v6Count];
        long high = 0;
        long low = 0;
        for (int i = 0; i < v6Count; i++) {
            long highDelta = decoder.varLong();
            long lowPart = decoder.varLong();
            high += highDelta;
            low = highDelta == 0 ? low + lowPart : lowPart;
            v6High[i] = high ^ Long.MIN_VALUE;
            v6Low[i] = low ^ Long.MIN_VALUE;
            v6Values[i] = (int) decoder.bounded(valueCount) - 1;
        }
        return new Decoded(List.of(values), new RangeTable(v4Starts, v4Values, v6High, v6Low, v6Values));
    }

    private static final class Encoder {
        private final ByteArrayOutputStream bytes;

        Encoder() {
            this(new ByteArrayOutputStream(1 << 20));
        }

        Encoder(ByteArrayOutputStream bytes) {
            this.bytes = bytes;
        }

        void fixed(int value) {
            bytes.write(value >>> 24);
            bytes.write(value >>> 16);
            bytes.write(value >>> 8);
            bytes.write(value);
        }

        void varLong(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                bytes.write((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            bytes.write((int) rest);
        }
    }

    private static final class Decoder {
        private final byte[] bytes;
        private int position;

        Decoder(byte[] bytes) {
            this.bytes = bytes;
        }

        int fixed() throws IOException {
            need(4);
            int value = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                    | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        long varLong() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                need(1);
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IOException("variable-length number too long");
        }

        /** A number from 0 to max inclusive. */
        long bounded(long max) throws IOException {
            long value = varLong();
            if (value < 0 || value > max) {
                throw new IOException("value " + value + " out of range 0.." + max);
            }
            return value;
        }

        /** An entry count, checked against the bytes left, each entry taking at least minBytes. */
        int count(int minBytes) throws IOException {
            return (int) bounded((bytes.length - position) / minBytes);
        }

        String utf8(int length) throws IOException {
            need(length);
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        private void need(int count) throws IOException {
            if (bytes.length - position < count) {
                throw new IOException("IP table truncated");
            }
        }
    }
}
