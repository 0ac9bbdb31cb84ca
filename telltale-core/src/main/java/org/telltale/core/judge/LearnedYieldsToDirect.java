package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.Steps;

/**
 * A learned identifier found again where a planted value or a detector of this exchange already
 * found something in the same bytes, or where a detector found the same value deeper inside the
 * same node (the raw URL around the query parameter that was named), adds nothing: the direct
 * finding stays and the learned one is dropped, so learning across exchanges only adds findings (a
 * hash of an Android ID seen plain elsewhere) and never changes the others. Shared IDs are exempt:
 * their point is every request the value reached, the one where a detector also named it included.
 * Direct candidates are grouped by root, so each learned one is compared with its own root's only.
 */
public final class LearnedYieldsToDirect implements Rule {
    @Override
    public String name() {
        return "learned-yields-to-direct";
    }

    @Override
    public List<Candidate> apply(List<Candidate> candidates, Verdict verdict) {
        if (candidates.stream().noneMatch(Candidate::learned)) {
            return candidates;
        }
        Map<Object, List<Candidate>> directByRoot = new HashMap<>();
        for (Candidate c : candidates) {
            if (!c.learned()) {
                directByRoot.computeIfAbsent(c.location(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (!c.learned() || sharedId(c) || !explained(c, directByRoot.getOrDefault(c.location(), List.of()))) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static boolean sharedId(Candidate c) {
        return org.telltale.core.cross.LearnedValue.SHARED_ID.equals(c.detection().kind());
    }

    private static boolean explained(Candidate c, List<Candidate> direct) {
        for (Candidate d : direct) {
            if (d.sameNode(c) ? c.detection().start() < d.detection().end()
                    && d.detection().start() < c.detection().end()
                    : sameValue(c, d) && Steps.isPrefix(c.steps(), d.steps())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameValue(Candidate a, Candidate b) {
        return a.detection().kind().equals(b.detection().kind())
                && a.detection().value().equalsIgnoreCase(b.detection().value());
    }
}
