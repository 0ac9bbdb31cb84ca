package org.telltale.core.decode;

import java.util.List;
import java.util.function.Consumer;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Peels every layer it can from a root payload and shows each node to a visitor. Owns the limits.
 * SHELL: to be replaced by the real walker.
 */
public final class DecodeWalker {
    /** Sees each node of the decode tree, the root included. */
    public interface Visitor {
        void node(Payload node, boolean leaf);
    }

    /** What one exchange may still spend on decoding (bytes and time); one per exchange. */
    public static final class Budget {
    }

    private final List<Decoder> decoders;
    private final DecodeLimits limits;

    public DecodeWalker(List<Decoder> decoders, DecodeLimits limits) {
        this.decoders = List.copyOf(decoders);
        this.limits = limits;
    }

    /** A fresh budget for one exchange. */
    public Budget newBudget() {
        return new Budget();
    }

    /** Walks the tree under root; problems (a limit hit, a decoder that threw) go to diagnostics. */
    public void walk(Payload root, Budget budget, Visitor visitor, Consumer<String> diagnostics) {
        visitor.node(root, true);
    }
}
