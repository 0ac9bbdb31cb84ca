package org.telltale.api;

/**
 * The bounds the decode walker enforces; decoders read them to stop early, never to pick their own.
 *
 * @param maxDepth              steps from a root
 * @param maxBytesPerExchange   bytes produced by decoding, summed over one exchange
 * @param maxExpansionRatio     output over input for one decompression layer
 * @param maxBytesPerLayer      output of one decompression layer
 * @param maxChildren           children of one node (fields of one form or JSON document)
 * @param maxMillisPerExchange  wall-clock budget for decoding one exchange
 */
public record DecodeLimits(int maxDepth, long maxBytesPerExchange, int maxExpansionRatio, int maxBytesPerLayer,
                           int maxChildren, long maxMillisPerExchange) {
    /** The limits of the design notes. */
    public static final DecodeLimits DEFAULT =
            new DecodeLimits(10, 32L << 20, 100, 16 << 20, 10_000, 2_000);
}
