package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * A built-in detection of the very bytes a canary matched says nothing the canary does not: the
 * planted value is the better explanation, so the built-in one is dropped. Works on the whole
 * exchange at once, so the order of the detector list does not matter.
 */
public final class CanaryExplainsBuiltIn implements Rule {
    @Override
    public String name() {
        return "canary-explains-built-in";
    }

    @Override
    public List<Candidate> apply(List<Candidate> candidates, Verdict verdict) {
        List<Candidate> planted = candidates.stream().filter(Candidate::planted).toList();
        if (planted.isEmpty()) {
            return candidates;
        }
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (c.planted() || !overlapsPlanted(c, planted)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static boolean overlapsPlanted(Candidate c, List<Candidate> planted) {
        for (Candidate p : planted) {
            if (p.sameNode(c) && c.detection().start() < p.detection().end()
                    && p.detection().start() < c.detection().end()) {
                return true;
            }
        }
        return false;
    }
}
