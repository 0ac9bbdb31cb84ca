package org.telltale.formats.mitm;

import java.util.List;

/**
 * mitmproxy's flow format versions on one integer scale. Up to mitmproxy 3 the version was the
 * release tuple (0, 11) .. (3, 0); since then a plain number, 4 upwards. Tuples map to
 * (0, m) -> m - 20 (so -9 .. -1) and (1, 0), (2, 0), (3, 0) -> 1, 2, 3, keeping the order.
 */
final class FlowVersion {
    /** The oldest version mitmproxy still migrates: (0, 11). */
    static final int OLDEST = -9;
    /** The newest version this reader knows. */
    static final int NEWEST = 21;
    /** 12: WebSocket messages moved from their own flows into the HTTP flow's "websocket" field. */
    static final int WEBSOCKET_IN_HTTP_FLOW = 12;
    /** 19: client "address" became "peername", server "ip_address" became "peername". */
    static final int PEERNAME = 19;
    /** Returned for a version that is missing or not a version at all. */
    static final int UNKNOWN = Integer.MIN_VALUE;

    private FlowVersion() {
    }

    static int of(Object version) {
        if (version instanceof Long number) {
            return number >= 4 && number <= 10_000 ? number.intValue() : UNKNOWN;
        }
        if (version instanceof List<?> tuple && tuple.size() >= 2
                && tuple.get(0) instanceof Long major && tuple.get(1) instanceof Long minor) {
            if (major == 0 && minor >= 11 && minor <= 19) {
                return (int) (minor - 20);
            }
            if (major >= 1 && major <= 3 && minor == 0) {
                return major.intValue();
            }
        }
        return UNKNOWN;
    }

    /** The version as mitmproxy writes it, for messages. */
    static String show(Object version) {
        if (version instanceof List<?> tuple) {
            StringBuilder text = new StringBuilder();
            for (Object part : tuple) {
                text.append(text.length() == 0 ? "" : ".").append(part);
            }
            return text.toString();
        }
        return String.valueOf(version);
    }
}
