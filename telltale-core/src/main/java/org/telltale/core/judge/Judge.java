package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.telltale.api.Organisations;
import org.telltale.api.TrackerHosts;
import org.telltale.core.Allowances;

/**
 * Decides, for one exchange at a time, which detections are findings: the named rules in order,
 * each with the data it needs. Candidates are first put in tree order and, within a node, by offset,
 * kind and canary, so neither the result nor its order depends on the order of the detectors.
 */
public final class Judge {
    private static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::node)
            .thenComparingInt(c -> c.detection().start())
            .thenComparingInt(c -> c.detection().end())
            .thenComparing(c -> c.detection().kind())
            .thenComparing(c -> c.detection().canary(), Comparator.nullsFirst(Comparator.naturalOrder()));

    private final List<Rule> rules;

    public Judge(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of the design notes, in their order, knowing no organisation's sister domains. */
    public static Judge standard(Allowances allowances, TrackerHosts trackers) {
        return standard(allowances, trackers, Organisations.NONE);
    }

    /** The rules of the design notes, in their order; organisations tells a site's sister domains (first parties). */
    public static Judge standard(Allowances allowances, TrackerHosts trackers, Organisations organisations) {
        return new Judge(List.of(new CanaryExplainsBuiltIn(), new AdFramesAreNotHistory(trackers),
                new AllowedDestinations(allowances, organisations), new LearnedYieldsToDirect(), new InnermostOnly()));
    }

    /** The rules in order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The candidates that are findings, in tree order; the verdict collects the expected ones. */
    public List<Candidate> judge(List<Candidate> candidates, Verdict verdict) {
        List<Candidate> standing = new ArrayList<>(candidates);
        standing.sort(ORDER);
        for (Rule rule : rules) {
            standing = rule.apply(standing, verdict);
        }
        return standing;
    }
}
