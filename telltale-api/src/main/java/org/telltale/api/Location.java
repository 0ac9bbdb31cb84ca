package org.telltale.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where in a request a root payload was found: the URL, one header, one cookie, the body or one
 * outbound WebSocket message.
 *
 * @param kind  which part of the request
 * @param name  the header or cookie name as sent, or the WebSocket message number; "" for the URL and body
 * @param index the root's position among all roots of its exchange (URL first, then headers and
 *              cookies in the order sent, the body, the messages), so that two cookies of one
 *              name are two places
 */
public record Location(Kind kind, String name, int index) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The parts of a request that leave the device; and the raw bytes a client sent on a TCP
     * connection or UDP flow that no parser read, searched for canaries only.
     */
    public enum Kind {
        URL("request.url"), HEADER("request.header:"), COOKIE("request.cookie:"), BODY("request.body"),
        WEBSOCKET("request.websocket:"), TCP_PAYLOAD("tcp.payload"), UDP_PAYLOAD("udp.payload");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public Location {
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
    }

    /**
     * As written in results: "request.url", "request.header:NAME", "request.cookie:NAME", "request.body",
     * "request.websocket:N", "tcp.payload", "udp.payload".
     */
    public String text() {
        return switch (kind) {
            case URL, BODY, TCP_PAYLOAD, UDP_PAYLOAD -> kind.prefix;
            case HEADER, COOKIE, WEBSOCKET -> kind.prefix + name;
        };
    }

    /** Whether this is the named header (any case). */
    public boolean isHeader(String headerName) {
        return kind == Kind.HEADER && name.equalsIgnoreCase(headerName);
    }

    /** Reads {@link #text()} back; null when the text is no location. */
    public static Location parse(String text, int index) {
        if (text == null) {
            return null;
        }
        for (Kind k : Kind.values()) {
            if (k.prefix.endsWith(":") ? text.startsWith(k.prefix) : text.equals(k.prefix)) {
                return new Location(k, text.substring(k.prefix.length()), index);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text();
    }
}
