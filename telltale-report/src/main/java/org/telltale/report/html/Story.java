package org.telltale.report.html;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.telltale.api.AnalysisResult;
import org.telltale.api.Canary;
import org.telltale.api.DataKinds;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Step;
import org.telltale.api.scan.ScanSummary;
import org.telltale.report.FindingGroups;
import org.telltale.report.Headline;
import org.telltale.report.ProfileSummary;
import org.telltale.report.FindingGroups.Group;
import org.telltale.report.scan.ScanText;

/**
 * The report's first paragraph: plain sentences that say what left the device, to whom, where,
 * in which marked session and how it was hidden, each backed by the figures and rows below it.
 * Sentences are plain text; the page renders them as text, never as markup.
 */
public final class Story {
    /** Receivers named one by one before the rest are counted. */
    private static final int NAMED = 6;

    private Story() {
    }

    /** The sentences, in reading order. */
    public static List<String> of(ReportData data, List<Group> groups) {
        AnalysisResult r = data.result();
        List<String> out = new ArrayList<>();
        out.add(scope(data));
        List<Finding> findings = r.findings();
        int planted = r.canaries().canaries().size();
        Set<String> left = findings.stream().map(Finding::canary).filter(c -> c != null)
                .collect(Collectors.toCollection(TreeSet::new));
        if (planted > 0) {
            if (left.isEmpty()) {
                out.add("None of the " + Headline.plural(planted, "planted value") + " left the device for a place it was not "
                        + "expected to go.");
            } else {
                out.add(left.size() + " of the " + Headline.plural(planted, "planted value") + " left the device: "
                        + plantedList(r.canaries().canaries(), left) + ".");
            }
        }
        Map<String, Set<String>> builtIn = new TreeMap<>();
        findings.stream().filter(f -> f.canary() == null && !ProfileSummary.summarised(f))
                .forEach(f -> builtIn.computeIfAbsent(f.kind(), k -> new TreeSet<>()).add(f.value()));
        if (!builtIn.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            builtIn.forEach((kind, values) -> kinds.add(values.size() + " " + kindName(kind)
                    + (values.size() == 1 ? " value" : " values")));
            out.add((planted > 0 ? "Without a canary, built-in detectors recognised " : "Built-in detectors recognised ")
                    + join(kinds) + ".");
        }
        if (findings.isEmpty()) {
            out.add("No personal data was found in what could be read.");
        } else {
            out.add(receivers(groups));
            out.addAll(profile(findings));
            String sessions = sessions(findings);
            if (sessions != null) {
                out.add(sessions);
            }
            out.add(hiding(findings));
        }
        if (!r.expected().isEmpty()) {
            out.add(expected(r.expected()));
        }
        if (!r.opaque().isEmpty()) {
            long hosts = r.opaque().stream().map(o -> o.connection().sni() != null ? o.connection().sni()
                    : String.valueOf(o.connection().server().ip())).distinct().count();
            out.add(Headline.plural(r.opaque().size(), "connection") + " to " + Headline.plural(hosts, "server")
                    + " could not be read (encrypted without the keys, or not HTTP); what they carried is unknown.");
        }
        if (data.provenance().stopped() != null) {
            out.add("The analysis stopped early (" + data.provenance().stopped() + "); what it found before is shown.");
        }
        long fatal = r.diagnostics().stream().filter(d -> d.fatal()).count();
        if (fatal > 0) {
            out.add(Headline.plural(fatal, "capture") + " could not be read to the end; what came before the damage is shown.");
        }
        out.addAll(scans(data.scans()));
        return out;
    }

    /** What the apps scanned into the case carry, and which of the servers their code names the captures saw. */
    static List<String> scans(List<ScanSummary> scans) {
        List<String> out = new ArrayList<>();
        if (scans.isEmpty()) {
            return out;
        }
        out.add(scans.size() + (scans.size() == 1 ? " app was" : " apps were") + " scanned into this case (telltale scan).");
        for (ScanSummary s : scans) {
            String app = s.file() + (s.packageName() == null ? "" : " (" + s.packageName()
                    + (s.versionName() == null ? "" : " " + s.versionName()) + ")");
            if (s.classes() == 0) {
                out.add(app + ": its code was not read, so its trackers are unknown.");
                continue;
            }
            if (s.trackers().isEmpty()) {
                out.add(app + " carries none of the known tracker SDKs' code.");
            } else {
                List<String> each = new ArrayList<>();
                for (ScanSummary.Tracker t : s.trackers()) {
                    each.add(t.name() + ", " + ScanText.words(t.reach()));
                }
                out.add(app + " carries the code of " + String.join("; ", each) + ".");
            }
            if (s.captured().isEmpty()) {
                out.add("None of the servers its code names appears in the captures.");
            } else {
                List<String> hosts = new ArrayList<>();
                for (ScanSummary.Host h : s.captured()) {
                    hosts.add(h.host() + " (" + Headline.plural(h.exchanges(), "request") + ")");
                }
                out.add("Its code names " + (hosts.size() == 1 ? "a server" : "servers")
                        + " the captured traffic went to: " + join(hosts) + ".");
            }
        }
        return out;
    }

    private static String scope(ReportData data) {
        AnalysisResult r = data.result();
        StringBuilder b = new StringBuilder("Telltale read ").append(Headline.plural(r.flowCount(), "request"));
        int captures = data.provenance().captures().size();
        if (captures > 0) {
            b.append(" in ").append(Headline.plural(captures, "capture"));
        }
        Timeline t = data.timeline();
        if (t != null && t.start() != null) {
            b.append(", made between ").append(when(t.start())).append(" and ").append(when(t.end()));
        }
        long with = r.findings().stream().map(Finding::flow).distinct().count();
        b.append("; ").append(with == 0 ? "none" : with).append(with == 1 ? " of them carried" : " of them carried")
                .append(" personal data.");
        return b.toString();
    }

    private static String plantedList(List<Canary> canaries, Set<String> left) {
        List<String> names = new ArrayList<>();
        for (Canary c : canaries) {
            if (left.contains(c.id())) {
                names.add(c.id() + " (" + kindName(c.type().name().toLowerCase(Locale.ROOT)) + ")");
            }
        }
        return join(names);
    }

    private static String receivers(List<Group> groups) {
        Map<String, Set<Integer>> requests = new LinkedHashMap<>();
        Map<String, Set<String>> countries = new TreeMap<>();
        for (Group g : groups) {
            // Per finding, so a shared ID's one group counts for each organisation it reached.
            for (Finding f : g.findings()) {
                String receiver = FindingGroups.receiver(f.destination());
                requests.computeIfAbsent(receiver, k -> new TreeSet<>()).add(f.flow());
                String country = f.destination().attribution().country();
                Set<String> in = countries.computeIfAbsent(receiver, k -> new TreeSet<>());
                if (country != null) {
                    in.add(country);
                }
            }
        }
        List<Map.Entry<String, Set<Integer>>> sorted = new ArrayList<>(requests.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, Set<Integer>> e) -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, Set<Integer>> e : sorted.subList(0, Math.min(NAMED, sorted.size()))) {
            Set<String> where = countries.get(e.getKey());
            named.add(e.getKey() + " (" + Headline.plural(e.getValue().size(), "request")
                    + (where.isEmpty() ? "" : ", servers in " + join(where.stream().map(Story::country).toList())) + ")");
        }
        if (sorted.size() > NAMED) {
            named.add(Headline.plural(sorted.size() - NAMED, "other receiver"));
        }
        Set<String> allCountries = new TreeSet<>();
        countries.values().forEach(allCountries::addAll);
        return "It went to " + Headline.plural(sorted.size(), "receiver") + (allCountries.isEmpty() ? ""
                : " with servers in " + plural(allCountries.size(), "country", "countries")) + ": " + join(named) + ".";
    }

    /**
     * The device's profile, one sentence per receiver after what identifies the user: it describes the
     * phone rather than naming its user, so it is summarised, never listed value by value here.
     */
    private static List<String> profile(List<Finding> findings) {
        List<ProfileSummary.Entry> entries = ProfileSummary.of(findings).entries();
        List<String> out = new ArrayList<>();
        for (ProfileSummary.Entry e : entries.subList(0, Math.min(NAMED, entries.size()))) {
            out.add(e.sentence() + ".");
        }
        if (entries.size() > NAMED) {
            out.add("The device's profile also went to " + Headline.plural(entries.size() - NAMED, "other receiver") + ".");
        }
        return out;
    }

    private static String sessions(List<Finding> findings) {
        Map<String, Set<Integer>> flows = new TreeMap<>();
        Map<String, Set<String>> what = new TreeMap<>();
        for (Finding f : findings) {
            if (f.session() != null) {
                flows.computeIfAbsent(f.session(), k -> new TreeSet<>()).add(f.flow());
                what.computeIfAbsent(f.session(), k -> new TreeSet<>()).add(f.canary() != null ? f.canary() : kindName(f.kind()));
            }
        }
        if (flows.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        flows.forEach((label, f) -> parts.add(Headline.plural(f.size(), "request") + " during the \u201c" + label
                + "\u201d session, carrying " + join(new ArrayList<>(what.get(label)))));
        return "Personal data left during marked sessions: " + join(parts) + ".";
    }

    private static String hiding(List<Finding> findings) {
        Map<String, Integer> paths = new TreeMap<>();
        int deepest = 0;
        for (Finding f : findings) {
            List<String> decoders = new ArrayList<>();
            for (Step s : f.steps()) {
                decoders.add(s.decoder());
            }
            deepest = Math.max(deepest, f.steps().size());
            paths.merge(f.location().text() + (decoders.isEmpty() ? "" : " > " + String.join(" > ", decoders)), 1,
                    Integer::sum);
        }
        Map.Entry<String, Integer> common = paths.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue())).orElseThrow();
        return deepest == 0 ? "All of it was sent as it is, without any encoding to peel."
                : "It was hidden under up to " + Headline.plural(deepest, "layer") + " of encoding; the most common way was "
                + common.getKey() + " (" + Headline.plural(common.getValue(), "finding") + ").";
    }

    private static String expected(List<ExpectedMatch> expected) {
        Map<String, Set<String>> where = new TreeMap<>();
        for (ExpectedMatch e : expected) {
            where.computeIfAbsent(e.canary(), k -> new TreeSet<>()).add(e.allowedBy());
        }
        List<String> parts = new ArrayList<>();
        where.forEach((canary, allowed) -> parts.add(canary + " to " + join(new ArrayList<>(allowed))));
        return "Where the user meant it to go (not counted as leaks): " + join(parts) + ".";
    }

    /** A detector or canary type as words: "advertising_id" reads "advertising ID" (from {@link DataKinds}). */
    public static String kindName(String kind) {
        return DataKinds.words(kind);
    }

    /** The English name of a country code, with the code: "Singapore (SG)". */
    public static String country(String code) {
        String name = code.length() == 2 ? new Locale("", code).getDisplayCountry(Locale.ENGLISH) : "";
        return name.isEmpty() || name.equals(code) ? code : name + " (" + code + ")";
    }

    private static String when(Instant t) {
        return t.toString().replace('T', ' ').replaceFirst("(\\.\\d+)?Z$", " UTC");
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String join(Set<String> items) {
        return join(new ArrayList<>(items));
    }

    /** For nouns whose plural is not noun + "s". */
    private static String plural(long n, String noun, String nouns) {
        return n == 1 ? Headline.plural(n, noun) : n + " " + nouns;
    }
}
