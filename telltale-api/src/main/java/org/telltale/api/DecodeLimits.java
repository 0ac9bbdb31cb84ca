package org.telltale.api;

import java.io.Serializable;

/**
 * The bounds the engine enforces on one exchange; decoders read them to stop early, never to pick
 * their own. Every bound counts work (steps, bytes), never wall time, so a loaded machine gives the
 * same result as an idle one.
 *
 * @param maxDepth                  steps from a root
 * @param maxBytesPerExchange       bytes produced by decoding, summed over one exchange
 * @param maxExpansionRatio         output over input for one decompression layer
 * @param maxBytesPerLayer          output of one decompression layer
 * @param maxChildren               children of one node (fields of one form or JSON document)
 * @param maxScannedBytesPerExchange bytes shown to the detectors, summed over the nodes of one exchange
 */
public record DecodeLimits(int maxDepth, long maxBytesPerExchange, int maxExpansionRatio, int maxBytesPerLayer,
                           int maxChildren, long maxScannedBytesPerExchange) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The limits of the design notes. */
    public static final DecodeLimits DEFAULT =
            new DecodeLimits(10, 32L << 20, 100, 16 << 20, 10_000, 256L << 20);
}
