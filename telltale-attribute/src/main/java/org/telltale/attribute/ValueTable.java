package org.telltale.attribute;

import java.nio.charset.StandardCharsets;

/**
 * The values of one IP dataset, with each name decoded from UTF-8 the first time a lookup returns it,
 * so that opening does not build tens of thousands of strings most runs never need.
 */
final class ValueTable {
    private final int[] numbers;
    private final int[] ends;
    private final byte[] names;
    /** Names decoded so far; a race only decodes a name twice, and strings are safe to publish so. */
    private final String[] decoded;

    /** @param numbers unsigned 32-bit numbers @param ends end offset of each name in names, checked ascending @param names UTF-8 */
    ValueTable(int[] numbers, int[] ends, byte[] names) {
        this.numbers = numbers;
        this.ends = ends;
        this.names = names;
        this.decoded = new String[numbers.length];
    }

    /** @return how many values there are */
    int size() {
        return numbers.length;
    }

    /** @return the number of value i (an ASN, or 0) */
    long number(int i) {
        return Integer.toUnsignedLong(numbers[i]);
    }

    /** @return the name of value i */
    String name(int i) {
        String name = decoded[i];
        if (name == null) {
            int start = i == 0 ? 0 : ends[i - 1];
            name = new String(names, start, ends[i] - start, StandardCharsets.UTF_8);
            decoded[i] = name;
        }
        return name;
    }
}
