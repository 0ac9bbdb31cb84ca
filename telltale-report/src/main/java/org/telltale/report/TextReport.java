package org.telltale.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.telltale.api.AnalysisResult;
import org.telltale.api.Attribution;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.OpaqueFlow;

/**
 * The report a person reads: one sentence of what happened, then what left, how it was hidden,
 * where it went and in which marked session. Everything printed from a capture is made safe for
 * the terminal first.
 */
public final class TextReport implements ReportRenderer {
    private static final int MAX_DIAGNOSTICS = 20;

    @Override
    public String name() {
        return "text";
    }

    @Override
    public void render(AnalysisResult r, Writer out) throws IOException {
        List<Finding> planted = r.findings().stream().filter(f -> f.canary() != null).toList();
        List<Finding> detected = r.findings().stream().filter(f -> f.canary() == null).toList();
        out.write(Headline.of(r, planted, detected));
        out.write("\n");
        if (!planted.isEmpty()) {
            out.write("\nPlanted values that left:\n");
            out.write(table(planted, true));
        }
        List<Finding> listed = detected.stream().filter(f -> !ProfileSummary.summarised(f)).toList();
        if (!listed.isEmpty()) {
            out.write("\nPersonal data recognised without a canary (built-in detectors):\n");
            out.write(table(listed, false));
        }
        ProfileSummary profile = ProfileSummary.of(detected);
        if (!profile.isEmpty()) {
            out.write("\nThe device's profile, per receiver (--format json lists every finding):\n");
            for (ProfileSummary.Entry e : profile.entries()) {
                out.write("  " + Terminal.safe(e.sentence()) + "\n");
            }
        }
        if (!r.findings().isEmpty()) {
            out.write(receivers(r.findings()));
            out.write(destinations(r.findings()));
        }
        if (!r.expected().isEmpty()) {
            out.write(expected(r.expected()));
        }
        if (!r.opaque().isEmpty()) {
            out.write(opaque(r.opaque()));
        }
        if (!r.diagnostics().isEmpty()) {
            out.write(diagnostics(r.diagnostics()));
        }
    }

    /** Most requests named in a row before the rest are counted. */
    private static final int FLOWS_NAMED = 4;
    /** Most ways of hiding named in a row; --format json lists every finding. */
    private static final int WAYS_NAMED = 3;

    /** One row per kind, value and receiver (see {@link FindingGroups}), with the requests it left in. */
    private static String table(List<Finding> findings, boolean planted) {
        TextTable t = new TextTable(new String[] {"REQUESTS", "WHAT LEFT", "HOW IT WAS HIDDEN", "WHO RECEIVED IT", "SESSION"},
                new int[] {18, 40, 64, 40, 12});
        for (FindingGroups.Group g : FindingGroups.of(findings).sorted()) {
            Finding f = g.first();
            String what = (planted ? f.canary() + " " : "") + f.kind() + " \"" + f.value() + "\""
                    + (planted ? "" : " (" + f.confidence().name().toLowerCase(java.util.Locale.ROOT) + ")")
                    + (f.firstSeen() != null ? ", first seen in #" + f.firstSeen().flow() + " "
                    + f.firstSeen().provenance() : "");
            List<String> ways = g.findings().stream().map(TextReport::hidden).distinct().toList();
            String how = String.join("; also ", ways.subList(0, Math.min(WAYS_NAMED, ways.size())))
                    + (ways.size() > WAYS_NAMED ? "; and " + Headline.plural(ways.size() - WAYS_NAMED, "other way") : "");
            String where = (g.key().receiver() == null ? Headline.plural(g.receivers().size(), "organisation") + ": "
                    + String.join(", ", g.receivers()) + " (" + String.join(", ", g.hosts()) + ")"
                    : g.hosts().equals(java.util.Set.of(g.key().receiver())) ? g.key().receiver()
                    : g.key().receiver() + ": " + String.join(", ", g.hosts()))
                    + (g.countries().isEmpty() ? "" : " (" + String.join(", ", g.countries()) + ")");
            List<String> sessions = new ArrayList<>();
            g.sessions().forEach((label, n) -> sessions.add(g.sessions().size() == 1 && n == g.requests() ? label
                    : label + " (" + n + ")"));
            t.add(requests(g), what, how, where, sessions.isEmpty() ? "-" : String.join(", ", sessions));
        }
        return t.render();
    }

    /** "#1, #4, #9" or "#1, #4, #9, #12 +7" for a group's requests. */
    private static String requests(FindingGroups.Group g) {
        List<String> named = g.flows().stream().limit(FLOWS_NAMED).map(i -> "#" + i).toList();
        int more = g.requests() - named.size();
        return String.join(", ", named) + (more > 0 ? " +" + more : "");
    }

    /** The decoding path as a person reads it: location, steps, then the transform if any. */
    static String hidden(Finding f) {
        StringBuilder b = new StringBuilder(f.provenance());
        if (!"plain".equals(f.transform())) {
            b.append(" (as ").append(f.transform()).append(')');
        }
        return b.toString();
    }

    /** The host and IP, as short as a table cell wants it. */
    static String address(Destination d) {
        StringBuilder b = new StringBuilder(d.host() != null ? d.host() : String.valueOf(d.ip()));
        if (d.ip() != null && d.host() != null) {
            b.append(" [").append(d.ip()).append(']');
        }
        return b.toString();
    }

    /** The address and what the datasets say about who is behind it. */
    static String where(Destination d) {
        StringBuilder b = new StringBuilder(address(d));
        Attribution a = d.attribution();
        List<String> facts = new ArrayList<>();
        if (a.organization() != null) {
            facts.add(a.organization() + (a.organizationCountry() != null ? " (" + a.organizationCountry() + ")" : ""));
        }
        if (a.country() != null) {
            facts.add("server in " + a.country());
        }
        if (a.asn() > 0) {
            facts.add("AS" + a.asn() + (a.asOrg() != null ? " " + a.asOrg() : ""));
        }
        if (a.tracker() != null) {
            facts.add("tracker: " + a.tracker().category());
        }
        if (!facts.isEmpty()) {
            b.append(" - ").append(String.join(", ", facts));
        }
        return b.toString();
    }

    private static String receivers(List<Finding> findings) {
        Map<String, List<Finding>> byOrg = new TreeMap<>();
        Map<String, List<Finding>> byCountry = new TreeMap<>();
        for (Finding f : findings) {
            Attribution a = f.destination().attribution();
            String org = a.organization() != null ? a.organization()
                    + (a.organizationCountry() != null ? " (head office " + a.organizationCountry() + ")" : "")
                    : "unknown organisation: " + (a.registrableDomain() != null ? a.registrableDomain()
                    : String.valueOf(f.destination().host()));
            byOrg.computeIfAbsent(org, k -> new ArrayList<>()).add(f);
            byCountry.computeIfAbsent(a.country() != null ? a.country() : "unknown", k -> new ArrayList<>()).add(f);
        }
        StringBuilder b = new StringBuilder("\nWho received it:\n");
        for (Map.Entry<String, List<Finding>> e : sortedBySize(byOrg)) {
            b.append("  ").append(Terminal.safe(e.getKey())).append(": ").append(summary(e.getValue()))
                    .append(networks(e.getValue())).append('\n');
        }
        b.append("Where the servers are (by IP):\n");
        for (Map.Entry<String, List<Finding>> e : sortedBySize(byCountry)) {
            b.append("  ").append(Terminal.safe(e.getKey())).append(": ").append(summary(e.getValue()))
                    .append(networks(e.getValue())).append('\n');
        }
        return b.toString();
    }

    /** Each destination once, with every fact and the dataset behind it, so a reader can check them. */
    private static String destinations(List<Finding> findings) {
        Map<String, Destination> byAddress = new TreeMap<>();
        for (Finding f : findings) {
            byAddress.putIfAbsent(address(f.destination()), f.destination());
        }
        StringBuilder b = new StringBuilder("Destinations, and the datasets behind each fact:\n");
        for (Destination d : byAddress.values()) {
            b.append("  ").append(Terminal.safe(where(d))).append('\n');
            Map<String, String> sources = new TreeMap<>(d.attribution().sources());
            Map<String, List<String>> factsBySource = new TreeMap<>();
            sources.forEach((fact, source) -> factsBySource.computeIfAbsent(source, k -> new ArrayList<>())
                    .add(JsonRecords.snakeCase(fact)));
            factsBySource.forEach((source, facts) -> b.append("      ").append(Terminal.safe(String.join(", ", facts)))
                    .append(": ").append(Terminal.safe(source)).append('\n'));
        }
        return b.toString();
    }

    private static List<Map.Entry<String, List<Finding>>> sortedBySize(Map<String, List<Finding>> groups) {
        return groups.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Finding>> e) -> -e.getValue().size()))
                .toList();
    }

    private static String summary(List<Finding> findings) {
        long values = findings.stream().map(f -> f.kind() + "\u0000" + f.value()).distinct().count();
        long flows = findings.stream().map(Finding::flow).distinct().count();
        return values + (values == 1 ? " value" : " values") + " in " + flows + (flows == 1 ? " request" : " requests");
    }

    private static String networks(List<Finding> findings) {
        Set<String> nets = new TreeSet<>();
        for (Finding f : findings) {
            Attribution a = f.destination().attribution();
            if (a.asn() > 0) {
                nets.add("AS" + a.asn() + (a.asOrg() != null ? " " + a.asOrg() : ""));
            }
        }
        return nets.isEmpty() ? "" : "; hosted by " + Terminal.safe(String.join(", ", nets));
    }

    private static String expected(List<ExpectedMatch> expected) {
        Map<String, Set<Integer>> flowsByCanary = new LinkedHashMap<>();
        Map<String, Set<String>> domains = new LinkedHashMap<>();
        for (ExpectedMatch e : expected) {
            flowsByCanary.computeIfAbsent(e.canary(), k -> new TreeSet<>()).add(e.flow());
            domains.computeIfAbsent(e.canary(), k -> new TreeSet<>()).add(e.allowedBy());
        }
        StringBuilder b = new StringBuilder("\nWent where it was allowed to go (not leaks):\n");
        for (Map.Entry<String, Set<Integer>> e : flowsByCanary.entrySet()) {
            b.append("  ").append(Terminal.safe(e.getKey())).append(" to ")
                    .append(Terminal.safe(String.join(", ", domains.get(e.getKey())))).append(" in ")
                    .append(e.getValue().size()).append(e.getValue().size() == 1 ? " request" : " requests").append('\n');
        }
        return b.toString();
    }

    private static String opaque(List<OpaqueFlow> opaque) {
        Map<String, Long> byHost = opaque.stream().collect(Collectors.groupingBy(
                o -> o.connection().protocol() + " " + where(o.destination()), TreeMap::new, Collectors.counting()));
        StringBuilder b = new StringBuilder("\n" + Headline.plural(opaque.size(), "connection")
                + " could not be read (encrypted, or not HTTP); whom the device talked to:\n");
        byHost.forEach((k, n) -> b.append("  ").append(Terminal.safe(k)).append(n > 1 ? " (" + n + "x)" : "").append('\n'));
        return b.toString();
    }

    private static String diagnostics(List<Diagnostic> diagnostics) {
        StringBuilder b = new StringBuilder("\nProblems met (" + diagnostics.size() + " kinds):\n");
        diagnostics.stream().limit(MAX_DIAGNOSTICS).forEach(d -> b.append("  ")
                .append(Terminal.safe(d.input()))
                .append(d.origin() != null ? ": " + Terminal.safe(d.origin()) : "")
                .append(d.flow() != null ? " (flow #" + d.flow() + ")" : "")
                .append(": ").append(Terminal.safe(d.message()))
                .append(d.count() > 1 ? " (" + d.count() + " times)" : "").append('\n'));
        if (diagnostics.size() > MAX_DIAGNOSTICS) {
            b.append("  ... and ").append(diagnostics.size() - MAX_DIAGNOSTICS)
                    .append(" more; --format json lists them all\n");
        }
        return b.toString();
    }
}
