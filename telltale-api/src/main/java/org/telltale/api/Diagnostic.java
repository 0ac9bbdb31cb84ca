package org.telltale.api;

/**
 * A problem met while reading or decoding; never silent, never a crash.
 *
 * @param flow    the flow index it concerns, or null when it concerns the input
 * @param input   the input file
 * @param origin  the place in the input ("entry 12", "byte 4096")
 * @param message what went wrong, for a person
 * @param fatal   true when the input could not be read past this point
 */
public record Diagnostic(Integer flow, String input, String origin, String message, boolean fatal) {
}
