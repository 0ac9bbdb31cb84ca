package org.telltale.testkit.corpus;

import java.util.List;

/**
 * One flow before it has an index and a time.
 *
 * @param scene        what it stands for, for reading failures
 * @param request      the request and where the canary sits in it
 * @param responseType the response's Content-Type
 * @param responseBody the response body
 * @param rows         the canaries it carries and the verdict for each
 * @param decoy        the trap it is, or null
 */
record Draft(String scene, Planted request, String responseType, byte[] responseBody, List<Row> rows, Trap decoy) {
    Draft {
        rows = List.copyOf(rows);
    }

    /**
     * One canary in the flow.
     *
     * @param canary  the canary id
     * @param verdict leak or expected
     * @param carrier what put it there
     * @param chain   where it sits, outermost first
     */
    record Row(String canary, Verdict verdict, String carrier, List<Step> chain) {
    }

    /**
     * The decoy a flow is.
     *
     * @param kind     one of the {@link Decoy} kinds
     * @param imitates the canary it resembles
     * @param value    the decoy value
     */
    record Trap(String kind, String imitates, String value) {
    }
}
