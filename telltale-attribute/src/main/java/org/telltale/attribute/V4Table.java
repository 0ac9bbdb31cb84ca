package org.telltale.attribute;

/**
 * IPv4 ranges as sorted start addresses, each mapped to a value index (-1 for a gap), so a lookup is
 * one binary search. Starts are stored with the sign bit flipped, which turns unsigned order into the
 * signed order Java compares in.
 */
final class V4Table {
    private final int[] starts;
    private final int[] values;

    /** @param starts sorted, sign bit flipped @param values value index per start, -1 for a gap */
    V4Table(int[] starts, int[] values) {
        this.starts = starts;
        this.values = values;
    }

    /** @return the value index for an unsigned 32-bit IPv4 address, or -1 when no range holds it */
    int find(long address) {
        int key = (int) address ^ Integer.MIN_VALUE;
        int low = 0;
        int high = starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= key) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? -1 : values[found];
    }

    /** @return how many ranges (gaps excluded) the table holds */
    int rangeCount() {
        return RangeTable.countValued(values);
    }
}
