package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.telltale.api.Step;

/**
 * A learned identifier found again where a planted value or a detector of this exchange already
 * found something in the same bytes, or where a detector found the same value deeper inside the
 * same node (the raw URL around the query parameter that was named), adds nothing: the direct
 * finding stays and the learned one is dropped, so learning across exchanges only adds findings (a
 * hash of an Android ID seen plain elsewhere) and never changes the others. Shared IDs are exempt:
 * their point is every request the value reached, the one where a detector also named it included.
 * The direct candidates are indexed once (their spans per node, and each value under every step
 * path above it), so each learned one is judged by look-ups, not by a pass over all the others:
 * a body that repeats a value thousands of times stays linear.
 */
public final class LearnedYieldsToDirect implements Rule {
    /** Stands for "direct findings of this value under these steps in more than one node". */
    private static final int SEVERAL_NODES = -1;

    @Override
    public String name() {
        return "learned-yields-to-direct";
    }

    /** A value found directly somewhere at or under these steps of this root. */
    private record Under(Object location, String kind, String value, List<Step> steps) {
    }

    @Override
    public List<Candidate> apply(List<Candidate> candidates, Verdict verdict) {
        if (candidates.stream().noneMatch(Candidate::learned)) {
            return candidates;
        }
        Map<Integer, Spans> spansByNode = new HashMap<>();
        Map<Under, Integer> nodeByUnder = new HashMap<>();
        for (Candidate d : candidates) {
            if (d.learned()) {
                continue;
            }
            spansByNode.computeIfAbsent(d.node(), k -> new Spans()).add(d.detection().start(), d.detection().end());
            for (int k = 0; k <= d.steps().size(); k++) {
                nodeByUnder.merge(under(d, d.steps().subList(0, k)), d.node(),
                        (a, b) -> a.equals(b) ? a : SEVERAL_NODES);
            }
        }
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (!c.learned() || sharedId(c) || !explained(c, spansByNode.get(c.node()), nodeByUnder)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static boolean sharedId(Candidate c) {
        return org.telltale.core.cross.LearnedValue.SHARED_ID.equals(c.detection().kind());
    }

    /** A direct finding overlaps its bytes, or one of the same value lies under its node (in another node). */
    private static boolean explained(Candidate c, Spans sameNode, Map<Under, Integer> nodeByUnder) {
        if (sameNode != null && sameNode.overlaps(c.detection().start(), c.detection().end())) {
            return true;
        }
        Integer node = nodeByUnder.get(under(c, c.steps()));
        return node != null && node != c.node();
    }

    private static Under under(Candidate c, List<Step> steps) {
        return new Under(c.location(), c.detection().kind(), c.detection().value().toLowerCase(Locale.ROOT), steps);
    }

    /** The direct findings' byte spans in one node, asked whether any overlaps a span. */
    private static final class Spans {
        private int[][] spans = new int[2][];
        private int size;
        /** maxEnd[i]: the largest end among the i + 1 spans that start first; built on the first question. */
        private int[] maxEnd;

        void add(int start, int end) {
            if (size == spans.length) {
                spans = Arrays.copyOf(spans, size * 2);
            }
            spans[size++] = new int[] {start, end};
            maxEnd = null;
        }

        boolean overlaps(int start, int end) {
            if (maxEnd == null) {
                spans = Arrays.copyOf(spans, size);
                Arrays.sort(spans, (a, b) -> Integer.compare(a[0], b[0]));
                maxEnd = new int[size];
                for (int i = 0; i < size; i++) {
                    maxEnd[i] = Math.max(spans[i][1], i > 0 ? maxEnd[i - 1] : Integer.MIN_VALUE);
                }
            }
            // the spans starting before end are a prefix of the sorted list; one of them overlaps when it ends after start
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (spans[mid][0] < end) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > 0 && maxEnd[lo - 1] > start;
        }
    }
}
