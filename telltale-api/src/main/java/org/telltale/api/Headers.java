package org.telltale.api;

import java.util.List;

/** Header look-ups shared by requests and responses. */
public final class Headers {
    private Headers() {
    }

    /** The first value of the named header (case-insensitive), or null. */
    public static String first(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
