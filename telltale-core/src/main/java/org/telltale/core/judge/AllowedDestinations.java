package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.List;

import org.telltale.core.Allowances;

/**
 * A canary that reached a destination it may go to (a visited URL to its own site, any canary to the
 * domains the user listed as expected) is expected traffic, counted and not reported as a leak.
 */
public final class AllowedDestinations implements Rule {
    private final Allowances allowances;

    public AllowedDestinations(Allowances allowances) {
        this.allowances = allowances;
    }

    @Override
    public String name() {
        return "allowed-destinations";
    }

    @Override
    public List<Candidate> apply(List<Candidate> candidates, Verdict verdict) {
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            String allowedBy = c.planted() ? allowances.allowedBy(c.detection().canary(), verdict.host()) : null;
            if (allowedBy == null) {
                kept.add(c);
            } else {
                verdict.expected(c.detection().canary(), allowedBy);
            }
        }
        return kept;
    }
}
