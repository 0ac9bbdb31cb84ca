package org.telltale.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.telltale.api.AnalysisResult;
import org.telltale.api.Finding;

/** The one sentence that says what happened, before any table. */
public final class Headline {
    private Headline() {
    }

    static String of(AnalysisResult r, List<Finding> planted, List<Finding> builtIn) {
        // The device's profile gets its own, lower-key sentence: it describes the phone, not its user.
        List<Finding> detected = builtIn.stream().filter(f -> !ProfileSummary.summarised(f)).toList();
        ProfileSummary profile = ProfileSummary.of(builtIn);
        int canaries = r.canaries().canaries().size();
        StringBuilder b = new StringBuilder();
        if (canaries > 0 && planted.isEmpty()) {
            b.append("None of the ").append(plural(canaries, "planted value")).append(" left this device for a place ")
                    .append("it was not expected to go, in ").append(plural(r.flowCount(), "request")).append(" read.");
        } else if (!planted.isEmpty()) {
            long values = planted.stream().map(Finding::canary).distinct().count();
            b.append(plural(values, "planted value")).append(" left").append(" this device in ")
                    .append(spread(planted)).append(sessions(planted)).append('.');
        }
        if (!detected.isEmpty()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            long values = detected.stream().map(f -> f.kind() + "\u0000" + f.value()).distinct().count();
            b.append("Built-in detectors recognised ").append(plural(values, "personal value"))
                    .append(" in ").append(spread(detected)).append(sessions(detected)).append('.');
        }
        if (!profile.isEmpty()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            long flows = builtIn.stream().filter(ProfileSummary::summarised).map(Finding::flow).distinct().count();
            b.append("The device's profile went to ").append(plural(profile.entries().size(), "receiver"))
                    .append(" in ").append(plural(flows, "request")).append('.');
        }
        if (b.length() == 0) {
            b.append("No personal data found in ").append(plural(r.flowCount(), "request")).append(" read");
            b.append(r.opaque().isEmpty() ? "." : "; " + plural(r.opaque().size(), "connection") + " could not be read.");
        }
        return b.toString();
    }

    private static String spread(List<Finding> findings) {
        long flows = findings.stream().map(Finding::flow).distinct().count();
        long hosts = findings.stream().map(f -> String.valueOf(f.destination().host())).distinct().count();
        return plural(flows, "request") + " to " + plural(hosts, "host");
    }

    private static String sessions(List<Finding> findings) {
        Map<String, Long> bySession = new TreeMap<>();
        findings.stream().filter(f -> f.session() != null).map(f -> f.session() + "\u0000" + f.flow()).distinct()
                .forEach(k -> bySession.merge(k.substring(0, k.indexOf('\u0000')), 1L, Long::sum));
        if (bySession.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        bySession.forEach((label, n) -> parts.add(n + (parts.isEmpty() ? (n == 1 ? " was" : " were") : "")
                + " during the " + Terminal.safe(label) + " session"));
        return "; of those requests, " + String.join(" and ", parts);
    }

    /** "1 request", "2 requests". */
    public static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
