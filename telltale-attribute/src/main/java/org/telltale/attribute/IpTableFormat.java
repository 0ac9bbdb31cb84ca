package org.telltale.attribute;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file that holds one IP dataset, uncompressed so that it opens with bulk copies: a fixed header,
 * then three sections that can be read one at a time: the values (a number and a name, such as an ASN
 * and its organisation, or 0 and a country code), the IPv4 range starts and the IPv6 range starts.
 * Only range starts are stored; a gap between ranges is a start with no value. Starts are stored with
 * the sign bit flipped, so unsigned address order is Java's signed order and no pass over them is
 * needed after reading. The jar (or git) compresses the file; nothing here inflates.
 *
 * <p>Layout, big-endian: header ({@link #HEADER_BYTES} bytes: magic "TTIP", version, value count, name
 * bytes, IPv4 count, IPv6 count, range count, value width); values (int numbers, int name end offsets,
 * UTF-8 names); IPv4 (int starts, then value indexes); IPv6 (long high halves, long low halves, then
 * value indexes). A value index is stored plus one, 0 meaning a gap, in 1, 2 or 4 bytes (the value width).
 */
public final class IpTableFormat {
    /** Size of the fixed header in bytes. */
    static final int HEADER_BYTES = 32;
    private static final int MAGIC = 0x54544950; // "TTIP"
    private static final int VERSION = 2;
    /** Most entries of any one kind accepted; the real datasets hold under a million. */
    private static final int MAX_ENTRIES = 1 << 26;
    /** Most name bytes accepted in total; the real ASN dataset needs about 2.3 MB. */
    private static final int MAX_NAME_BYTES = 64 << 20;
    /** Longest value name accepted, in bytes. */
    private static final int MAX_NAME = 4096;
    /** Largest whole file {@link #read} accepts. */
    private static final int MAX_BYTES = 512 << 20;

    private IpTableFormat() {
    }

    /** One value a range maps to. @param number an ASN (unsigned 32-bit), or 0 @param name an organisation or a country code */
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

    /** A whole decoded file. @param values what ranges map to @param ranges the lookup table */
    record Decoded(List<Value> values, RangeTable ranges) {
    }

    /**
     * The fixed header, which says where each section lies.
     *
     * @param valueCount how many values
     * @param nameBytes  total UTF-8 bytes of the value names
     * @param v4Count    IPv4 starts, gaps included
     * @param v6Count    IPv6 starts, gaps included
     * @param rangeCount starts that carry a value, both families
     * @param valueWidth bytes per stored value index: 1, 2 or 4
     */
    record Header(int valueCount, int nameBytes, int v4Count, int v6Count, int rangeCount, int valueWidth) {
        long valuesOffset() {
            return HEADER_BYTES;
        }

        long valuesLength() {
            return 8L * valueCount + nameBytes;
        }

        long v4Offset() {
            return valuesOffset() + valuesLength();
        }

        long v4Length() {
            return (4L + valueWidth) * v4Count;
        }

        long v6Offset() {
            return v4Offset() + v4Length();
        }

        long v6Length() {
            return (16L + valueWidth) * v6Count;
        }

        long fileLength() {
            return v6Offset() + v6Length();
        }
    }

    /**
     * Writes ranges sorted by start; overlapping ranges are clipped to what earlier ones left uncovered,
     * and touching ranges with the same value are merged.
     *
     * @throws IOException when writing fails or a value number does not fit in 32 bits
     */
    public static void write(OutputStream out, List<Value> values, List<V4Range> v4, List<V6Range> v6) throws IOException {
        Starts v4Starts = v4Starts(v4);
        Starts v6Starts = v6Starts(v6);
        int width = widthFor(values.size());
        byte[][] names = new byte[values.size()][];
        int nameBytes = 0;
        for (int i = 0; i < names.length; i++) {
            names[i] = values.get(i).name().getBytes(StandardCharsets.UTF_8);
            nameBytes += names[i].length;
        }
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        for (int field : new int[] {MAGIC, VERSION, values.size(), nameBytes, v4Starts.count, v6Starts.count,
                v4Starts.valued + v6Starts.valued, width}) {
            data.writeInt(field);
        }
        for (Value value : values) {
            if (value.number() < 0 || value.number() > 0xFFFFFFFFL) {
                throw new IOException("value number " + value.number() + " does not fit in 32 bits");
            }
            data.writeInt((int) value.number());
        }
        int end = 0;
        for (byte[] name : names) {
            end += name.length;
            data.writeInt(end);
        }
        for (byte[] name : names) {
            data.write(name);
        }
        for (int i = 0; i < v4Starts.count; i++) {
            data.writeInt((int) v4Starts.low[i] ^ Integer.MIN_VALUE);
        }
        writeValues(data, v4Starts, width);
        for (int i = 0; i < v6Starts.count; i++) {
            data.writeLong(v6Starts.high[i] ^ Long.MIN_VALUE);
        }
        for (int i = 0; i < v6Starts.count; i++) {
            data.writeLong(v6Starts.low[i] ^ Long.MIN_VALUE);
        }
        writeValues(data, v6Starts, width);
        data.flush();
    }

    private static int widthFor(int valueCount) {
        return valueCount < 0xFF ? 1 : valueCount < 0xFFFF ? 2 : 4;
    }

    private static void writeValues(DataOutputStream data, Starts starts, int width) throws IOException {
        for (int i = 0; i < starts.count; i++) {
            int stored = starts.value[i] + 1;
            switch (width) {
                case 1 -> data.writeByte(stored);
                case 2 -> data.writeShort(stored);
                default -> data.writeInt(stored);
            }
        }
    }

    private static Starts v4Starts(List<V4Range> ranges) {
        Starts starts = new Starts();
        long nextFree = 0; // first address not yet covered, 2^32 when all is covered
        int previousValue = -1;
        for (V4Range range : ranges) {
            long start = Math.max(range.start(), nextFree);
            if (start > range.end()) {
                continue;
            }
            if (start > nextFree && starts.count > 0) {
                starts.add(0, nextFree, -1);
                previousValue = -1;
            }
            if (range.value() != previousValue || start != nextFree || starts.count == 0) {
                starts.add(0, start, range.value());
                previousValue = range.value();
            }
            nextFree = range.end() + 1;
        }
        if (starts.count > 0 && nextFree <= 0xFFFFFFFFL) {
            starts.add(0, nextFree, -1);
        }
        return starts;
    }

    private static Starts v6Starts(List<V6Range> ranges) {
        Starts starts = new Starts();
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
            if (compare(start, nextFree) > 0 && starts.count > 0) {
                starts.add(nextFree[0], nextFree[1], -1);
                previousValue = -1;
            }
            if (range.value() != previousValue || compare(start, nextFree) != 0 || starts.count == 0) {
                starts.add(start[0], start[1], range.value());
                previousValue = range.value();
            }
            coveredToEnd = range.endHigh() == -1 && range.endLow() == -1;
            nextFree = range.endLow() == -1 ? new long[] {range.endHigh() + 1, 0} : new long[] {range.endHigh(), range.endLow() + 1};
        }
        if (starts.count > 0 && !coveredToEnd) {
            starts.add(nextFree[0], nextFree[1], -1);
        }
        return starts;
    }

    private static int compare(long[] a, long[] b) {
        int high = Long.compareUnsigned(a[0], b[0]);
        return high != 0 ? high : Long.compareUnsigned(a[1], b[1]);
    }

    /** Range starts gathered while writing; IPv4 uses only the low half. */
    private static final class Starts {
        long[] high = new long[1024];
        long[] low = new long[1024];
        int[] value = new int[1024];
        int count;
        int valued;

        void add(long startHigh, long startLow, int valueIndex) {
            if (count == low.length) {
                high = Arrays.copyOf(high, count * 2);
                low = Arrays.copyOf(low, count * 2);
                value = Arrays.copyOf(value, count * 2);
            }
            high[count] = startHigh;
            low[count] = startLow;
            value[count] = valueIndex;
            count++;
            valued += valueIndex >= 0 ? 1 : 0;
        }
    }

    /**
     * Reads and checks the header.
     *
     * @param header the first {@link #HEADER_BYTES} bytes
     * @throws IOException when it is no header of this format or its counts are out of bounds
     */
    static Header header(ByteBuffer header) throws IOException {
        if (header.remaining() < HEADER_BYTES) {
            throw new IOException("IP table truncated");
        }
        if (header.getInt() != MAGIC || header.getInt() != VERSION) {
            throw new IOException("not a Telltale IP table (format " + VERSION + ")");
        }
        int valueCount = bounded(header.getInt(), MAX_ENTRIES, "value count");
        int nameBytes = bounded(header.getInt(), MAX_NAME_BYTES, "name bytes");
        int v4Count = bounded(header.getInt(), MAX_ENTRIES, "IPv4 count");
        int v6Count = bounded(header.getInt(), MAX_ENTRIES, "IPv6 count");
        int rangeCount = bounded(header.getInt(), v4Count + v6Count, "range count");
        int width = header.getInt();
        if (width != widthFor(valueCount)) {
            throw new IOException("value width " + width + " does not fit " + valueCount + " values");
        }
        return new Header(valueCount, nameBytes, v4Count, v6Count, rangeCount, width);
    }

    private static int bounded(int value, int max, String what) throws IOException {
        if (value < 0 || value > max) {
            throw new IOException(what + " " + value + " out of range 0.." + max);
        }
        return value;
    }

    /**
     * Decodes the values section.
     *
     * @param section exactly {@link Header#valuesLength()} bytes
     * @throws IOException when name offsets are out of order or a name is too long
     */
    static ValueTable values(Header header, ByteBuffer section) throws IOException {
        int count = header.valueCount();
        int[] numbers = new int[count];
        int[] ends = new int[count];
        section.asIntBuffer().get(numbers);
        section.position(section.position() + 4 * count);
        section.asIntBuffer().get(ends);
        section.position(section.position() + 4 * count);
        byte[] names = new byte[header.nameBytes()];
        section.get(names);
        int start = 0;
        for (int i = 0; i < count; i++) {
            int end = ends[i];
            if (end < start || end > names.length || end - start > MAX_NAME) {
                throw new IOException("value name " + i + " out of bounds");
            }
            start = end;
        }
        return new ValueTable(numbers, ends, names);
    }

    /**
     * Decodes the IPv4 section.
     *
     * @param section exactly {@link Header#v4Length()} bytes
     * @throws IOException when starts are out of order or a value index is out of range
     */
    static V4Table v4(Header header, ByteBuffer section) throws IOException {
        int count = header.v4Count();
        int[] starts = new int[count];
        section.asIntBuffer().get(starts);
        section.position(section.position() + 4 * count);
        for (int i = 1; i < count; i++) {
            if (starts[i] <= starts[i - 1]) {
                throw new IOException("IPv4 range starts out of order at " + i);
            }
        }
        return new V4Table(starts, valueIndexes(header, section, count));
    }

    /**
     * Decodes the IPv6 section.
     *
     * @param section exactly {@link Header#v6Length()} bytes
     * @throws IOException when starts are out of order or a value index is out of range
     */
    static V6Table v6(Header header, ByteBuffer section) throws IOException {
        int count = header.v6Count();
        long[] high = new long[count];
        long[] low = new long[count];
        section.asLongBuffer().get(high);
        section.position(section.position() + 8 * count);
        section.asLongBuffer().get(low);
        section.position(section.position() + 8 * count);
        for (int i = 1; i < count; i++) {
            if (high[i] < high[i - 1] || high[i] == high[i - 1] && low[i] <= low[i - 1]) {
                throw new IOException("IPv6 range starts out of order at " + i);
            }
        }
        return new V6Table(high, low, valueIndexes(header, section, count));
    }

    private static int[] valueIndexes(Header header, ByteBuffer section, int count) throws IOException {
        int[] values = new int[count];
        switch (header.valueWidth()) {
            case 1 -> {
                byte[] stored = new byte[count];
                section.get(stored);
                for (int i = 0; i < count; i++) {
                    values[i] = (stored[i] & 0xFF) - 1;
                }
            }
            case 2 -> {
                short[] stored = new short[count];
                section.asShortBuffer().get(stored);
                for (int i = 0; i < count; i++) {
                    values[i] = (stored[i] & 0xFFFF) - 1;
                }
            }
            default -> {
                section.asIntBuffer().get(values);
                for (int i = 0; i < count; i++) {
                    values[i]--;
                }
            }
        }
        for (int value : values) {
            if (value < -1 || value >= header.valueCount()) {
                throw new IOException("value index " + value + " out of range");
            }
        }
        return values;
    }

    /**
     * Reads and checks a whole file at once.
     *
     * @throws IOException when the stream fails or the content is not a valid file of this format
     */
    static Decoded read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("IP table larger than " + MAX_BYTES + " bytes");
        }
        ByteBuffer whole = ByteBuffer.wrap(bytes);
        Header header = header(whole);
        if (header.fileLength() != bytes.length) {
            throw new IOException("IP table is " + bytes.length + " bytes, its header says " + header.fileLength());
        }
        ValueTable table = values(header, section(whole, header.valuesOffset(), header.valuesLength()));
        V4Table v4 = v4(header, section(whole, header.v4Offset(), header.v4Length()));
        V6Table v6 = v6(header, section(whole, header.v6Offset(), header.v6Length()));
        List<Value> values = new ArrayList<>(table.size());
        for (int i = 0; i < table.size(); i++) {
            values.add(new Value(table.number(i), table.name(i)));
        }
        return new Decoded(List.copyOf(values), new RangeTable(v4, v6));
    }

    private static ByteBuffer section(ByteBuffer whole, long offset, long length) {
        return whole.slice((int) offset, (int) length);
    }
}
