package org.telltale.testkit.corpus;

/** What a correct analysis must say about one canary in one flow. */
public enum Verdict {
    /** The canary went somewhere it was not allowed to go: a finding. */
    LEAK,
    /** The canary went only to its own site or an expected domain: an entry in "expected", no finding. */
    EXPECTED
}
