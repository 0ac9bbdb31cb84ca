package org.telltale.formats.har;

/**
 * How much of a HAR file the reader takes in at once. Past any of these the entry is skipped with a
 * diagnostic and the entries after it are still read.
 *
 * @param maxEntryBytes  one entry's span in the file: what is used of one entry (its bodies) is held in memory at once
 * @param maxStringBytes one string value, in bytes of UTF-8 (so never more characters than that)
 * @param maxNameBytes   one field name, which Jackson also keeps in its table of names
 * @param maxNumberBytes one number, which may be turned into a BigInteger
 * @param maxDepth       nesting of objects and arrays, counted from the top of the file
 */
record HarLimits(long maxEntryBytes, int maxStringBytes, int maxNameBytes, int maxNumberBytes, int maxDepth) {
    /** 128 MiB entries, 96 MiB strings, 32 KiB names, 900-character numbers, 400 levels. */
    static final HarLimits DEFAULT = new HarLimits(128L << 20, 96 << 20, 32 << 10, 900, 400);

    /** The same with another bound on entries. */
    HarLimits withMaxEntryBytes(long bytes) {
        return new HarLimits(bytes, maxStringBytes, maxNameBytes, maxNumberBytes, maxDepth);
    }
}
