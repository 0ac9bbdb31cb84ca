package org.telltale.api;

import java.util.ArrayList;
import java.util.List;

/** Ways of reading a path of steps shared by payloads, findings and renderers. */
public final class Steps {
    private Steps() {
    }

    /** The labels, in order. */
    public static List<String> labels(List<Step> steps) {
        List<String> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            out.add(s.label());
        }
        return List.copyOf(out);
    }

    /** One line a person reads: "request.body > form:data_list > base64 > gzip > json:$[0].q". */
    public static String provenance(Location location, List<Step> steps) {
        StringBuilder b = new StringBuilder(location.text());
        for (Step s : steps) {
            b.append(" > ").append(s.label());
        }
        return b.toString();
    }

    /** Whether shorter is a prefix of longer (a node and one of its descendants). */
    public static boolean isPrefix(List<Step> shorter, List<Step> longer) {
        return shorter.size() <= longer.size() && longer.subList(0, shorter.size()).equals(shorter);
    }
}
