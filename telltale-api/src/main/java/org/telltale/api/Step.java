package org.telltale.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * One decoding step: how a node was uncovered from its parent. A path of steps from a root
 * identifies exactly one node, so a person (or {@code replay}) can redo it.
 *
 * @param decoder the name of the decoder that took the step ("form", "base64", "gzip"); null only
 *                while a decoder is still building the child, before the walker places it
 * @param label   what the step uncovered, as shown in paths ("form:data_list", "base64",
 *                "json:$[0].properties.q")
 * @param index   the child's position among everything the decoder returned for that parent, so
 *                repeated form keys and repeated protobuf fields are told apart; -1 until placed
 * @param start   the offset in the parent's bytes where this child's bytes were found, or -1 when
 *                the decoder does not know (a decompressed stream comes from the whole parent)
 * @param end     the offset just past them, or -1
 */
public record Step(String decoder, String label, int index, int start, int end) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The value of {@link #start}, {@link #end} and {@link #index} when not known. */
    public static final int UNKNOWN = -1;

    public Step {
        Objects.requireNonNull(label, "label");
    }

    /** A step a decoder is building: its label, and its span in the parent when known. */
    public static Step of(String label, int start, int end) {
        return new Step(null, label, UNKNOWN, start, end);
    }

    /** This step with the decoder that took it and its place among its siblings. */
    public Step placed(String decoderName, int siblingIndex) {
        return new Step(decoderName, label, siblingIndex, start, end);
    }

    /** Whether the parent's bytes [start, end) are known. */
    public boolean hasSpan() {
        return start >= 0 && end >= start;
    }

    /** The label, as a path shows it. */
    @Override
    public String toString() {
        return label;
    }
}
