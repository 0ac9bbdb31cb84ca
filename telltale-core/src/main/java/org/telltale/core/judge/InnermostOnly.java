package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.telltale.api.Detection;
import org.telltale.api.Steps;

/**
 * When the same value is found at a layer and again inside it (the raw URL and its decoded query
 * parameter), only the innermost is kept, because its path says the most about how it was hidden;
 * the same value twice in one node is one finding. Candidates arrive in tree order (a node before
 * its descendants, which follow it at once), so within one value a node has a descendant with the
 * value exactly when the next node holding the value lies under it: one pass, no pairwise search.
 */
public final class InnermostOnly implements Rule {
    @Override
    public String name() {
        return "innermost-only";
    }

    /** What makes two candidates the same value in the same place. */
    private record Key(String canary, String kind, String value, Object location, boolean learned) {
    }

    @Override
    public List<Candidate> apply(List<Candidate> candidates, Verdict verdict) {
        Map<Key, List<Candidate>> byValue = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            Detection d = c.detection();
            byValue.computeIfAbsent(new Key(d.canary(), d.kind(), d.value(), c.location(), c.learned()), k -> new ArrayList<>(2))
                    .add(c);
        }
        // By identity: two equal candidates (two detectors reporting the same thing) are two entries.
        Set<Candidate> dropped = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (List<Candidate> same : byValue.values()) {
            for (int i = 0; i < same.size(); i++) {
                Candidate c = same.get(i);
                int next = i + 1;
                while (next < same.size() && same.get(next).node() == c.node()) {
                    dropped.add(same.get(next++));
                }
                if (next < same.size() && Steps.isPrefix(c.steps(), same.get(next).steps())) {
                    dropped.add(c);
                }
                i = next - 1;
            }
        }
        if (dropped.isEmpty()) {
            return candidates;
        }
        List<Candidate> kept = new ArrayList<>(candidates.size() - dropped.size());
        for (Candidate c : candidates) {
            if (!dropped.contains(c)) {
                kept.add(c);
            }
        }
        return kept;
    }
}
