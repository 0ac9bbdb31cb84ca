package org.telltale.api;

import java.time.Instant;

/**
 * A marked stretch of time, such as an incognito session.
 *
 * @param label the user's name for it ("incognito")
 * @param start inclusive
 * @param end   exclusive
 */
public record Session(String label, Instant start, Instant end) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether the instant falls in this session. */
    public boolean contains(Instant t) {
        return t != null && !t.isBefore(start) && t.isBefore(end);
    }
}
