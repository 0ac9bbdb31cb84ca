package org.telltale.api;

/**
 * A connection whose content could not be read, as listed in a result.
 *
 * @param connection  what the reader saw
 * @param session     the label of the marked session holding it, or null
 * @param input       the input file it came from
 * @param destination where it went
 */
public record OpaqueFlow(OpaqueConnection connection, String session, String input, Destination destination) {
}
