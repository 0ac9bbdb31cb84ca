package org.telltale.testkit;

import java.nio.charset.StandardCharsets;

/**
 * Texts built against scanners: one short unit repeated to a given size. Each unit is what some
 * detector starts from or stops at ('@' for addresses, ':' for hardware addresses, '/' for paths),
 * so a scanner that looks again at what it has already passed shows up as work that grows with the
 * square of the size instead of with the size.
 */
public enum HostileText {
    AT("@"),
    DOTS("."),
    PERCENTS("%"),
    DIGITS("0123456789"),
    HTTP_URLS("http://"),
    COLONS(":"),
    SLASHES("/"),
    DASHES("-"),
    /** The "@" of an address sent percent-encoded. */
    ENCODED_AT("%40"),
    /** A one-letter local part before every "@". */
    LOCAL_AT("a@"),
    /** App data paths whose package name never ends. */
    DATA_PATHS("/data/data/a."),
    FILE_URLS("file:///"),
    /** Dotted class-name pieces that never end in Activity or Fragment. */
    CLASS_PARTS("a.");

    /** The size the detectors' own bound lets through: NodeText reads the first MiB of a node. */
    public static final int MIB = 1 << 20;

    private final String unit;

    HostileText(String unit) {
        this.unit = unit;
    }

    /** The repeated unit. */
    public String unit() {
        return unit;
    }

    /** The unit repeated to exactly size bytes (the last copy cut short). */
    public byte[] bytes(int size) {
        byte[] u = unit.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = u[i % u.length];
        }
        return out;
    }
}
