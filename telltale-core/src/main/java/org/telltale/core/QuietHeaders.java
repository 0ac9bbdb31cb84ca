package org.telltale.core;

import org.telltale.api.Location;
import org.telltale.api.Payload;

/**
 * Request headers whose values are protocol negotiation that browsers and HTTP libraries fill in
 * themselves (accepted types, encodings and languages, cache and connection control, fetch
 * metadata). They hold no encoded layers and nothing a built-in detector looks for, so only the
 * canary matcher reads them: a planted value is still found there, while a third or more of a small
 * request's nodes no longer go through every decoder and detector.
 */
final class QuietHeaders {
    private static final String[] NAMES = {"accept", "accept-encoding", "accept-language", "connection",
        "content-length", "cache-control", "pragma", "upgrade-insecure-requests", "priority", "te"};
    private static final String FETCH_METADATA = "sec-fetch-";

    private QuietHeaders() {
    }

    /** Whether node is the whole value of one of these headers (a root, not something decoded from one). */
    static boolean holds(Payload node) {
        Location location = node.location();
        if (!node.path().isEmpty() || location.kind() != Location.Kind.HEADER) {
            return false;
        }
        String name = location.name();
        // Compared in place: every header of every request comes through here, so no lower-cased copy.
        for (String quiet : NAMES) {
            if (name.equalsIgnoreCase(quiet)) {
                return true;
            }
        }
        return name.regionMatches(true, 0, FETCH_METADATA, 0, FETCH_METADATA.length());
    }
}
