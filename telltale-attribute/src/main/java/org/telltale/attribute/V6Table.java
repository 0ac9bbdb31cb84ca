package org.telltale.attribute;

/**
 * IPv6 ranges as sorted start addresses in two 64-bit halves, each mapped to a value index (-1 for a
 * gap). Halves are stored with the sign bit flipped, as in {@link V4Table}.
 */
final class V6Table {
    private final long[] high;
    private final long[] low;
    private final int[] values;

    /** @param high high halves, flipped @param low low halves, flipped @param values value index per start, -1 for a gap */
    V6Table(long[] high, long[] low, int[] values) {
        this.high = high;
        this.low = low;
        this.values = values;
    }

    /** @return the value index for an IPv6 address given as two unsigned 64-bit halves, or -1 */
    int find(long high64, long low64) {
        long hi = high64 ^ Long.MIN_VALUE;
        long lo = low64 ^ Long.MIN_VALUE;
        int first = 0;
        int last = high.length - 1;
        int found = -1;
        while (first <= last) {
            int mid = (first + last) >>> 1;
            if (high[mid] < hi || (high[mid] == hi && low[mid] <= lo)) {
                found = mid;
                first = mid + 1;
            } else {
                last = mid - 1;
            }
        }
        return found < 0 ? -1 : values[found];
    }

    /** @return how many ranges (gaps excluded) the table holds */
    int rangeCount() {
        return RangeTable.countValued(values);
    }
}
