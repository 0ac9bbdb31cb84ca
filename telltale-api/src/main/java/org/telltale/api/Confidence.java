package org.telltale.api;

/** How sure a detector is that what it found is personal data. */
public enum Confidence {
    /** Matches a value the user planted, or a format with a check digit and its telling field name. */
    CERTAIN,
    /** A strong format (a valid IMEI, an email) or a telling field name. */
    HIGH,
    /** A plausible format with weak context. */
    MEDIUM,
    /** A shape alone; worth a look, not a claim. */
    LOW
}
