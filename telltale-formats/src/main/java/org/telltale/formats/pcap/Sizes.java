package org.telltale.formats.pcap;

/** Byte counts as people read them in diagnostics. */
public final class Sizes {
    private Sizes() {
    }

    /** "64 MiB", "512 KiB" or "300 bytes": whole units only when exact, so a test's small bound reads true. */
    public static String text(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
