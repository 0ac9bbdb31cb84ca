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

/**
 * Peels every layer it can from a root payload and shows each node to a visitor, depth first, a
 * node before its children. It owns the limits: depth, bytes and time per exchange (the Budget),
 * children per node, and a loop check; decoders only peel one layer. Hitting a limit or a decoder
 * that throws becomes a diagnostic, and the walk goes on.
 */
public final class DecodeWalker {
    /** Sees each node of the decode tree, the root included. */
    public interface Visitor {
        /** leaf is true when no decoder could peel the node (or a limit stopped it). */
        void node(Payload node, boolean leaf);
    }

    /** What one exchange may still spend on decoding (bytes and time); one per exchange. */
    public static final class Budget {
        private long bytesLeft;
        private final long deadlineNanos;
        private boolean bytesReported;
        private boolean timeReported;
        private boolean depthReported;

        private Budget(long bytes, long millis) {
            this.bytesLeft = bytes;
            this.deadlineNanos = System.nanoTime() + millis * 1_000_000L;
        }

        /** Bytes that decoding may still produce for this exchange. */
        public long bytesLeft() {
            return bytesLeft;
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

    /** A fresh budget for one exchange; its time budget starts now. */
    public Budget newBudget() {
        return new Budget(limits.maxBytesPerExchange(), limits.maxMillisPerExchange());
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
            if (!budget.depthReported) {
                budget.depthReported = true;
                diagnostics.accept(where(node) + ": depth limit of " + limits.maxDepth()
                        + " steps reached; not decoded further (reported once per exchange)");
            }
            return List.of();
        }
        if (System.nanoTime() > budget.deadlineNanos) {
            if (!budget.timeReported) {
                budget.timeReported = true;
                diagnostics.accept(where(node) + ": time limit of " + limits.maxMillisPerExchange()
                        + " ms per exchange reached; the rest of the exchange is not decoded");
            }
            return List.of();
        }
        if (budget.bytesLeft <= 0) {
            return List.of();
        }
        for (int k = 0; k < count; k++) {
            Decoder decoder = decoders.get(ranking.order[k]);
            List<Payload> children;
            try {
                children = decoder.decode(node, limits);
            } catch (PartialDecodeException e) {
                diagnostics.accept(where(node) + ": " + decoder.name() + " failed: " + e.getMessage());
                children = e.partial();
            } catch (Exception | StackOverflowError e) {
                diagnostics.accept(where(node) + ": " + decoder.name() + " failed: " + Decompression.message(e));
                continue;
            }
            if (children == null || children.isEmpty()) {
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

    /** Applies the children limit, the loop check and the byte budget. */
    private List<Payload> admit(Frame frame, List<Payload> children, Budget budget, Consumer<String> diagnostics) {
        Payload node = frame.node();
        List<Payload> candidates = children;
        if (candidates.size() > limits.maxChildren()) {
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
        if (node.path().isEmpty()) {
            return node.location();
        }
        return node.location() + " > " + String.join(" > ", node.path());
    }
}
