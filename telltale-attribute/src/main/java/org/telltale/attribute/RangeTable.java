package org.telltale.attribute;

/**
 * IP ranges as sorted start addresses, each mapped to a value index (-1 for a gap), so a lookup is one
 * binary search. Bounds are stored with the sign bit flipped, which turns unsigned order into the
 * signed order Java compares in.
 */
final class RangeTable {
    private final int[] v4Starts;
    private final int[] v4Values;
    private final long[] v6High;
    private final long[] v6Low;
    private final int[] v6Values;

    RangeTable(int[] v4Starts, int[] v4Values, long[] v6High, long[] v6Low, int[] v6Values) {
        this.v4Starts = v4Starts;
        this.v4Values = v4Values;
        this.v6High = v6High;
        this.v6Low = v6Low;
        this.v6Values = v6Values;
    }

    /** @return the value index for an unsigned 32-bit IPv4 address, or -1 when no range holds it */
    int findV4(long address) {
        int key = (int) address ^ Integer.MIN_VALUE;
        int low = 0;
        int high = v4Starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (v4Starts[mid] <= key) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? -1 : v4Values[found];
    }

    /** @return the value index for an IPv6 address given as two unsigned 64-bit halves, or -1 */
    int findV6(long high64, long low64) {
        long hi = high64 ^ Long.MIN_VALUE;
        long lo = low64 ^ Long.MIN_VALUE;
        int low = 0;
        int high = v6High.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (v6High[mid] < hi || (v6High[mid] == hi && v6Low[mid] <= lo)) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? -1 : v6Values[found];
    }

    /** @return how many ranges (gaps excluded) the table holds */
    int rangeCount() {
        return countValued(v4Values) + countValued(v6Values);
    }

    private static int countValued(int[] values) {
        int count = 0;
        for (int value : values) {
            if (value >= 0) {
                count++;
            }
        }
        return count;
    }
}
