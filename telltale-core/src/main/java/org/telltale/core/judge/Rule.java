package org.telltale.core.judge;

import java.util.List;

/**
 * One named judging rule: takes the candidates still standing for one exchange and returns those it
 * keeps. Each rule gets the data it needs when built and never looks anything up while judging.
 */
public interface Rule {
    /** A short name for tests and the design notes. */
    String name();

    /** The candidates this rule keeps, in the order given; a rule may hand others to the verdict. */
    List<Candidate> apply(List<Candidate> candidates, Verdict verdict);
}
