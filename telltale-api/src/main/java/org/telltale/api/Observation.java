package org.telltale.api;

import java.time.Instant;

/** Something a capture reader saw: an exchange it could read, or a connection it could not. */
public sealed interface Observation permits Exchange, OpaqueConnection {
    /** When it started; null when the capture does not say. */
    Instant time();

    /** Where in the input it was found, for messages a person can check ("entry 12", "packet 3041"). */
    String origin();
}
