package org.telltale.testkit.corpus;

import java.util.List;

/**
 * The ground truth for one canary in one flow.
 *
 * @param flow    the flow index, from 0 in HAR entry order
 * @param canary  the canary id
 * @param verdict whether a correct analysis reports it as a leak or as expected
 * @param carrier what put it there: an SDK name, "chain", "referer", "visit", "same-site"
 * @param chain   where the value sits, outermost step first, as a tester would peel it
 */
public record TruthRow(int flow, String canary, Verdict verdict, String carrier, List<Step> chain) {
    public TruthRow {
        chain = List.copyOf(chain);
    }

    /** The chain as one readable line: {@code body > form:data_list > base64:std > gzip}. */
    public String chainText() {
        StringBuilder out = new StringBuilder();
        for (Step s : chain) {
            out.append(out.length() == 0 ? "" : " > ").append(s);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "flow " + flow + " " + canary + " " + verdict + " via " + carrier + ": " + chainText();
    }
}
