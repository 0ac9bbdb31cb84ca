package org.telltale.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.telltale.api.Finding;

/**
 * The findings of one flow, without repeats: when the same value is found at a layer and again
 * inside it (the raw URL and its decoded query parameter), only the innermost is kept, because
 * its path says the most about how it was hidden.
 */
final class FlowFindings {
    private final List<Finding> kept = new ArrayList<>();

    void add(Finding f) {
        for (int i = 0; i < kept.size(); i++) {
            Finding k = kept.get(i);
            if (!sameValueSamePlace(k, f)) {
                continue;
            }
            if (isPrefix(f.path(), k.path())) {
                return;
            }
            if (isPrefix(k.path(), f.path())) {
                kept.set(i, f);
                kept.removeIf(other -> other != f && sameValueSamePlace(other, f) && isPrefix(other.path(), f.path()));
                return;
            }
        }
        kept.add(f);
    }

    List<Finding> all() {
        return kept;
    }

    private static boolean sameValueSamePlace(Finding a, Finding b) {
        return Objects.equals(a.canary(), b.canary()) && a.kind().equals(b.kind())
                && Objects.equals(a.value(), b.value()) && a.location().equals(b.location());
    }

    private static boolean isPrefix(List<String> shorter, List<String> longer) {
        return shorter.size() <= longer.size() && longer.subList(0, shorter.size()).equals(shorter);
    }
}
