package org.telltale.apk.code;

/**
 * The bounds every reader of code and containers keeps, in one place, so a hostile APK or image
 * cannot exhaust memory or time. A reader that reaches one says so (a {@link CodeFormatException}
 * naming the limit, or a note in the scan) rather than going on.
 *
 * @param maxDexBytes       the largest DEX file (or v041 container) read, in bytes
 * @param maxClassesPerDex  the most class definitions read from one DEX file
 * @param maxInstructions   the most code units read from one method's code
 * @param maxStringBytes    the longest string constant kept, in bytes (longer ones are cut)
 * @param maxEntries        the most entries read from one zip (APK, JAR, AAR, OTA)
 * @param maxEntryBytes     the largest entry inflated from a zip, in bytes
 * @param maxRatio          the largest inflated/compressed ratio accepted for one entry (zip bombs)
 * @param maxDepth          the deepest nesting of containers (an APK in an .xapk in a folder...)
 * @param maxFiles          the most files walked in one image or folder
 */
public record CodeLimits(long maxDexBytes, int maxClassesPerDex, int maxInstructions, int maxStringBytes,
                         int maxEntries, long maxEntryBytes, int maxRatio, int maxDepth, int maxFiles) {
    /** The defaults: large enough for the biggest real apps (a 100 MB multidex APK), bounded for hostile ones. */
    public static final CodeLimits DEFAULT = new CodeLimits(
            256L << 20, 200_000, 1 << 20, 64 * 1024, 100_000, 512L << 20, 1_000, 4, 200_000);
}
