package org.telltale.core.decode;

import java.util.List;

import org.telltale.api.Payload;

/**
 * A layer that broke or hit a limit part way, after producing something worth keeping: the walker
 * reports the message as a diagnostic and still walks the children decoded so far.
 */
public final class PartialDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Payload> partial;

    public PartialDecodeException(String message, List<Payload> partial) {
        super(message);
        this.partial = List.copyOf(partial);
    }

    /** The children decoded before the layer stopped. */
    public List<Payload> partial() {
        return partial;
    }
}
