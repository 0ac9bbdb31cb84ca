package org.telltale.api;

import java.util.List;

/**
 * A problem met while reading or decoding; never silent, never a crash. The same message from the
 * same input is one diagnostic with a count and its first places.
 *
 * @param flow    the flow index it first concerned, or null when it concerns the input
 * @param input   the input file
 * @param origin  the first place in the input ("entry 12", "byte 4096")
 * @param message what went wrong, for a person
 * @param fatal   true when the input could not be read past this point
 * @param count   how many times it happened
 * @param places  the first few places it happened, in order (origin first)
 */
public record Diagnostic(Integer flow, String input, String origin, String message, boolean fatal, long count,
                         List<String> places) {
    public Diagnostic {
        places = places == null ? List.of() : List.copyOf(places);
    }

    /** One occurrence. */
    public Diagnostic(Integer flow, String input, String origin, String message, boolean fatal) {
        this(flow, input, origin, message, fatal, 1, origin == null ? List.of() : List.of(origin));
    }
}
