package org.telltale.attribute;

/** Both families of one IP dataset, for callers that read a whole file at once. */
final class RangeTable {
    private final V4Table v4;
    private final V6Table v6;

    RangeTable(V4Table v4, V6Table v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /** @return the value index for an unsigned 32-bit IPv4 address, or -1 when no range holds it */
    int findV4(long address) {
        return v4.find(address);
    }

    /** @return the value index for an IPv6 address given as two unsigned 64-bit halves, or -1 */
    int findV6(long high64, long low64) {
        return v6.find(high64, low64);
    }

    /** @return how many ranges (gaps excluded) the table holds */
    int rangeCount() {
        return v4.rangeCount() + v6.rangeCount();
    }

    static int countValued(int[] values) {
        int count = 0;
        for (int value : values) {
            if (value >= 0) {
                count++;
            }
        }
        return count;
    }
}
