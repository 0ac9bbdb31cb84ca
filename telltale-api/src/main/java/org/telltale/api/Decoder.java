package org.telltale.api;

import java.util.List;

/**
 * Peels exactly one layer of encoding. Pure: no I/O, no state; it may throw, and the walker then
 * records the failure and keeps the bytes as they were. It never calls another decoder: the
 * walker hands the children back to the registry.
 */
public interface Decoder {
    /** The step name written into paths ("gzip", "base64", "json", "form"). */
    String name();

    /**
     * How well this decoder applies: negative for not at all, higher for more certain. An explicit
     * hint (declared type or encoding) should score above content sniffing.
     */
    double fit(Payload payload);

    /**
     * The children of this layer, each made with {@link Payload#child}. An empty list means the
     * layer was not really there (the walker then tries the next decoder).
     */
    List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception;
}
