package org.telltale.core.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Steps;

/**
 * Peels every layer it can from a root payload and shows each node to a visitor, depth first, a
 * node before its children. It owns the decoding limits: depth, bytes per exchange (the Budget),
 * children per node, and a loop check; decoders only peel one layer. Hitting a limit or a decoder
 * that throws becomes a diagnostic, and the walk goes on.
 */
public final class DecodeWalker {
    /** Sees each node of the decode tree, the root included. */
    public interface Visitor {
        /** leaf is true when no decoder could peel the node (or a limit stopped it). */
        void node(Payload node, boolean leaf);
    }

    /**
     * What one exchange may still spend on decoding, in bytes produced; one per exchange. It counts
     * work, never time, so the same input decodes the same way on a loaded machine.
     */
    public static final class Budget {
        private long bytesLeft;
        private boolean bytesReported;
        private boolean depthReported;
        private boolean limited;

        private Budget(long bytes) {
            this.bytesLeft = bytes;
        }

        /** Bytes that decoding may still produce for this exchange. */
        public long bytesLeft() {
            return bytesLeft;
        }

        /** Whether a limit (depth, children, bytes) left part of the exchange undecoded. */
        public boolean limited() {
            return limited;
        }
    }

    /** A node waiting to be expanded, with the chain of its ancestors for the loop check. */
    private record Frame(Payload node, Frame parent) {
    }

    private final List<Decoder> decoders;
    private final DecodeLimits limits;

    public DecodeWalker(List<Decoder> decoders, DecodeLimits limits) {
        this.decoders = List.copyOf(decoders);
        this.limits = limits;
    }

    /** A fresh budget for one exchange. */
    public Budget newBudget() {
        return new Budget(limits.maxBytesPerExchange());
    }

    /** Walks the tree under root; problems (a limit hit, a decoder that threw) go to diagnostics. */
    public void walk(Payload root, Budget budget, Visitor visitor, Consumer<String> diagnostics) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, null));
        Ranking ranking = new Ranking(decoders.size());
        while (!stack.isEmpty()) {
            Frame frame = stack.pop();
            List<Payload> children = expand(frame, budget, ranking, diagnostics);
            visitor.node(frame.node(), children.isEmpty());
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Frame(children.get(i), frame));
            }
        }
    }

    private List<Payload> expand(Frame frame, Budget budget, Ranking ranking, Consumer<String> diagnostics) {
        Payload node = frame.node();
        int count = rank(node, ranking);
        if (count == 0) {
            return List.of();
        }
        if (node.depth() >= limits.maxDepth()) {
            budget.limited = true;
            if (!budget.depthReported) {
                budget.depthReported = true;
                diagnostics.accept(where(node) + ": depth limit of " + limits.maxDepth()
                        + " steps reached; not decoded further (reported once per exchange)");
            }
            return List.of();
        }
        if (budget.bytesLeft <= 0) {
            budget.limited = true;
            return List.of();
        }
        for (int k = 0; k < count; k++) {
            Decoder decoder = decoders.get(ranking.order[k]);
            List<Payload> made;
            try {
                made = decoder.decode(node, limits);
            } catch (PartialDecodeException e) {
                diagnostics.accept(where(node) + ": " + decoder.name() + " failed: " + e.getMessage());
                made = e.partial();
            } catch (Exception | StackOverflowError e) {
                diagnostics.accept(where(node) + ": " + decoder.name() + " failed: " + Decompression.message(e));
                continue;
            }
            List<Payload> children;
            try {
                children = placed(decoder.name(), node, made);
            } catch (IllegalArgumentException bad) {
                diagnostics.accept(where(node) + ": " + decoder.name() + " failed: " + bad.getMessage());
                continue;
            }
            if (children.isEmpty()) {
                continue;
            }
            List<Payload> kept = admit(frame, children, budget, diagnostics);
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        return List.of();
    }

    /** Scratch space for ranking the decoders of one node, reused across the nodes of a walk. */
    private static final class Ranking {
        final double[] fits;
        final int[] order;

        Ranking(int decoders) {
            fits = new double[decoders];
            order = new int[decoders];
        }
    }

    /**
     * Puts the decoders that apply to node in ranking.order, best fit first (ties keep the
     * registration order), and returns how many there are.
     */
    private int rank(Payload node, Ranking ranking) {
        int n = decoders.size();
        double[] fits = ranking.fits;
        int[] order = ranking.order;
        int count = 0;
        for (int i = 0; i < n; i++) {
            double fit;
            try {
                fit = decoders.get(i).fit(node);
            } catch (RuntimeException e) {
                fit = -1;
            }
            if (fit >= 0) {
                int j = count++;
                while (j > 0 && fits[j - 1] < fit) {
                    fits[j] = fits[j - 1];
                    order[j] = order[j - 1];
                    j--;
                }
                fits[j] = fit;
                order[j] = i;
            }
        }
        return count;
    }

    /**
     * Stamps each child's last step with the decoder that took it and its index among everything the
     * decoder returned, before any child is dropped, so that replaying the decoder finds it again.
     */
    private static List<Payload> placed(String decoderName, Payload parent, List<Payload> children) {
        if (children == null) {
            return List.of();
        }
        List<Payload> out = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            Payload c = children.get(i);
            if (c == null || c.depth() != parent.depth() + 1) {
                // a plug-in's child not made with Payload.child: one step deeper than its parent
                throw new IllegalArgumentException("child " + i + " is not one step below its parent");
            }
            out.add(c.withLastStep(c.path().get(c.path().size() - 1).placed(decoderName, i)));
        }
        return out;
    }

    /** Applies the children limit, the loop check and the byte budget. */
    private List<Payload> admit(Frame frame, List<Payload> children, Budget budget, Consumer<String> diagnostics) {
        Payload node = frame.node();
        List<Payload> candidates = children;
        if (candidates.size() > limits.maxChildren()) {
            budget.limited = true;
            diagnostics.accept(where(node) + ": more than " + limits.maxChildren()
                    + " children; kept the first " + limits.maxChildren());
            candidates = candidates.subList(0, limits.maxChildren());
        }
        List<Payload> kept = new ArrayList<>(candidates.size());
        for (Payload child : candidates) {
            if (repeatsAncestor(frame, child.data())) {
                continue;
            }
            long size = child.data().length;
            if (size > budget.bytesLeft) {
                budget.limited = true;
                if (!budget.bytesReported) {
                    budget.bytesReported = true;
                    diagnostics.accept(where(node) + ": decoding budget of " + limits.maxBytesPerExchange()
                            + " bytes per exchange spent; the rest is not decoded");
                }
                budget.bytesLeft = 0;
                break;
            }
            budget.bytesLeft -= size;
            kept.add(child);
        }
        return kept;
    }

    /** A child whose bytes equal its parent's or another ancestor's would loop (or add nothing). */
    private static boolean repeatsAncestor(Frame frame, byte[] data) {
        for (Frame f = frame; f != null; f = f.parent()) {
            byte[] other = f.node().data();
            if (other.length == data.length && Arrays.equals(other, data)) {
                return true;
            }
        }
        return false;
    }

    private static String where(Payload node) {
        return Steps.provenance(node.location(), node.path());
    }
}
