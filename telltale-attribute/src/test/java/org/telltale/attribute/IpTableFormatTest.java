package org.telltale.attribute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpTableFormatTest {
    private static final List<IpTableFormat.Value> VALUES = List.of(new IpTableFormat.Value(1, "one"),
            new IpTableFormat.Value(2, "two"), new IpTableFormat.Value(3, "three"));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void randomIpv4RangesAnswerLikeALinearScan(long seed) throws IOException {
        Random random = new Random(seed);
        List<IpTableFormat.V4Range> ranges = new ArrayList<>();
        long start = random.nextInt(1000);
        while (start <= 0xFFFFFFFFL && ranges.size() < 300) {
            long end = Math.min(0xFFFFFFFFL, start + random.nextInt(1 << random.nextInt(28)));
            ranges.add(new IpTableFormat.V4Range(start, end, random.nextInt(VALUES.size())));
            start = end + 1 + (random.nextBoolean() ? 0 : random.nextInt(1 << 20));
        }
        RangeTable table = roundTrip(ranges, List.of()).ranges();

        for (int i = 0; i < 5000; i++) {
            long address = random.nextBoolean() ? random.nextLong() & 0xFFFFFFFFL
                    : ranges.get(random.nextInt(ranges.size())).start() + random.nextInt(3) - 1;
            address &= 0xFFFFFFFFL;
            assertThat(table.findV4(address)).as("%x", address).isEqualTo(linearV4(ranges, address));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void randomIpv6RangesAnswerLikeALinearScan(long seed) throws IOException {
        Random random = new Random(seed);
        List<IpTableFormat.V6Range> ranges = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long high = random.nextLong();
            long low = random.nextBoolean() ? 0 : random.nextLong();
            long endLow = low == 0 ? -1 : low + Math.abs(random.nextInt());
            ranges.add(new IpTableFormat.V6Range(high, low, high, endLow, random.nextInt(VALUES.size())));
        }
        ranges.sort((a, b) -> {
            int high = Long.compareUnsigned(a.startHigh(), b.startHigh());
            return high != 0 ? high : Long.compareUnsigned(a.startLow(), b.startLow());
        });
        RangeTable table = roundTrip(List.of(), ranges).ranges();

        for (int i = 0; i < 3000; i++) {
            IpTableFormat.V6Range near = ranges.get(random.nextInt(ranges.size()));
            long high = random.nextInt(4) == 0 ? random.nextLong() : near.startHigh();
            long low = random.nextBoolean() ? random.nextLong() : near.startLow() + random.nextInt(3) - 1;
            assertThat(table.findV6(high, low)).isEqualTo(linearV6(ranges, high, low));
        }
    }

    @Test
    void touchingRangesWithTheSameValueAreMergedAndGapsStayEmpty() throws IOException {
        List<IpTableFormat.V4Range> ranges = List.of(new IpTableFormat.V4Range(10, 19, 0),
                new IpTableFormat.V4Range(20, 29, 0), new IpTableFormat.V4Range(40, 49, 1));
        RangeTable table = roundTrip(ranges, List.of()).ranges();

        assertThat(table.findV4(9)).isEqualTo(-1);
        assertThat(table.findV4(25)).isZero();
        assertThat(table.findV4(30)).isEqualTo(-1);
        assertThat(table.findV4(49)).isEqualTo(1);
        assertThat(table.findV4(50)).isEqualTo(-1);
        assertThat(table.rangeCount()).isEqualTo(2);
    }

    @Test
    void truncatedOrForeignFilesAreRejectedWithIoException() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IpTableFormat.write(out, VALUES, List.of(new IpTableFormat.V4Range(1, 2, 0)), List.of());
        byte[] whole = out.toByteArray();
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> IpTableFormat.read(new ByteArrayInputStream(part))).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> IpTableFormat.read(new ByteArrayInputStream("not a table".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void startsOutOfOrderOrValueIndexesOutOfRangeAreRejectedWithIoException() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IpTableFormat.write(out, VALUES, List.of(new IpTableFormat.V4Range(100, 199, 0), new IpTableFormat.V4Range(300, 399, 1)), List.of());
        byte[] whole = out.toByteArray();
        IpTableFormat.Header header = IpTableFormat.header(ByteBuffer.wrap(whole));
        int starts = (int) header.v4Offset();

        byte[] unordered = whole.clone();
        ByteBuffer.wrap(unordered).putInt(starts + 4, ByteBuffer.wrap(unordered).getInt(starts) - 1);
        assertThatThrownBy(() -> IpTableFormat.read(new ByteArrayInputStream(unordered)))
                .isInstanceOf(IOException.class).hasMessageContaining("out of order");

        byte[] badValue = whole.clone();
        badValue[starts + 4 * header.v4Count()] = (byte) (VALUES.size() + 1);
        assertThatThrownBy(() -> IpTableFormat.read(new ByteArrayInputStream(badValue)))
                .isInstanceOf(IOException.class).hasMessageContaining("out of range");
    }

    @Test
    void theHeaderCountsOnlyRangesWithAValueAndPicksTheNarrowestValueWidth() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<IpTableFormat.Value> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new IpTableFormat.Value(64_000 + i, "AS " + i));
        }
        IpTableFormat.write(out, many, List.of(new IpTableFormat.V4Range(10, 19, 299), new IpTableFormat.V4Range(30, 39, 7)),
                List.of(new IpTableFormat.V6Range(1, 0, 1, -1, 250)));
        IpTableFormat.Decoded decoded = IpTableFormat.read(new ByteArrayInputStream(out.toByteArray()));
        IpTableFormat.Header header = IpTableFormat.header(ByteBuffer.wrap(out.toByteArray()));

        assertThat(header.valueWidth()).isEqualTo(2);
        assertThat(header.rangeCount()).isEqualTo(3);
        assertThat(header.fileLength()).isEqualTo(out.size());
        assertThat(decoded.ranges().findV4(15)).isEqualTo(299);
        assertThat(decoded.ranges().findV4(25)).isEqualTo(-1);
        assertThat(decoded.ranges().findV6(1, 12345)).isEqualTo(250);
        assertThat(decoded.values().get(299)).isEqualTo(new IpTableFormat.Value(64_299, "AS 299"));
    }

    private static IpTableFormat.Decoded roundTrip(List<IpTableFormat.V4Range> v4, List<IpTableFormat.V6Range> v6) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IpTableFormat.write(out, VALUES, v4, v6);
        IpTableFormat.Decoded decoded = IpTableFormat.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(decoded.values()).isEqualTo(VALUES);
        return decoded;
    }

    private static int linearV4(List<IpTableFormat.V4Range> ranges, long address) {
        for (IpTableFormat.V4Range range : ranges) {
            if (range.start() <= address && address <= range.end()) {
                return range.value();
            }
        }
        return -1;
    }

    private static int linearV6(List<IpTableFormat.V6Range> ranges, long high, long low) {
        int found = -1;
        for (IpTableFormat.V6Range range : ranges) {
            boolean afterStart = compare(high, low, range.startHigh(), range.startLow()) >= 0;
            boolean beforeEnd = compare(high, low, range.endHigh(), range.endLow()) <= 0;
            if (afterStart && beforeEnd && found < 0) {
                found = range.value();
            }
        }
        return found;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int high = Long.compareUnsigned(aHigh, bHigh);
        return high != 0 ? high : Long.compareUnsigned(aLow, bLow);
    }
}
