package org.telltale.core.judge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What judging one exchange decided besides the findings: the canaries that went where they were
 * allowed. One per exchange, so rules need no shared state.
 *
 * @param host the host the exchange went to
 */
public final class Verdict {
    private final String host;
    private final Set<Expected> expected = new LinkedHashSet<>();

    /**
     * A canary that reached an allowed destination.
     *
     * @param canary    the canary id
     * @param allowedBy the domain that allowed it, or the organisation running both the visited site and the host
     */
    public record Expected(String canary, String allowedBy) {
    }

    public Verdict(String host) {
        this.host = host;
    }

    /** The host the exchange went to. */
    public String host() {
        return host;
    }

    void expected(String canary, String allowedBy) {
        expected.add(new Expected(canary, allowedBy));
    }

    /** The canaries that went where they were allowed, each once, in the order met. */
    public List<Expected> expected() {
        return List.copyOf(expected);
    }
}
