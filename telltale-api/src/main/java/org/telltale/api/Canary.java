package org.telltale.api;

import java.util.List;

/**
 * A value the user planted or knows about the device.
 *
 * @param id       the user's name for it, unique in the file
 * @param type     what kind of value it is
 * @param value    the value as the user typed it
 * @param expected registrable domains where it may go without being a leak (a search to its engine)
 */
public record Canary(String id, CanaryType type, String value, List<String> expected) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public Canary {
        expected = expected == null ? List.of() : List.copyOf(expected);
    }
}
