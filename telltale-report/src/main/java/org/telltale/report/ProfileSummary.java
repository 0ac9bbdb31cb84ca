package org.telltale.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.telltale.api.DataKinds;
import org.telltale.api.Finding;

/**
 * The device's profile (model, OS, carrier, time zone... the kinds of {@link DataKinds.Family#PROFILE})
 * summarised per receiver, as reports show it: one line per receiver rather than a row per value, and
 * after what identifies the user, since alone it rarely names anyone. Every profile finding stays in
 * the JSON findings and the evidence; only the presentation is folded. Receivers are named as
 * {@link FindingGroups#receiver} names them. Memory holds, per receiver, its kinds and a count of
 * requests: a request's findings come together, so a new request is one whose flow differs from the last.
 */
public final class ProfileSummary {
    private final Map<String, Entry> byReceiver = new LinkedHashMap<>();

    /** Folds in a finding when it is a built-in detection of the device's profile; others are ignored. */
    public void add(Finding f) {
        if (f.canary() != null || !DataKinds.isProfile(f.kind())) {
            return;
        }
        byReceiver.computeIfAbsent(FindingGroups.receiver(f.destination()), Entry::new).add(f);
    }

    /** The summary of these findings. */
    public static ProfileSummary of(List<Finding> findings) {
        ProfileSummary s = new ProfileSummary();
        findings.forEach(s::add);
        return s;
    }

    /** Whether a finding is left to this summary rather than listed on its own in a report's table. */
    public static boolean summarised(Finding f) {
        return f.canary() == null && DataKinds.isProfile(f.kind());
    }

    /** The receivers, most requests first, then by name. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>(byReceiver.values());
        out.sort(Comparator.comparingInt(Entry::requests).reversed().thenComparing(Entry::receiver));
        return out;
    }

    public boolean isEmpty() {
        return byReceiver.isEmpty();
    }

    /** What one receiver learnt of the device's profile. */
    public static final class Entry {
        private final String receiver;
        private final TreeSet<String> kinds = new TreeSet<>(Comparator.comparingInt(ProfileSummary::tableOrder)
                .thenComparing(Comparator.naturalOrder()));
        private int requests;
        private int lastFlow = Integer.MIN_VALUE;

        Entry(String receiver) {
            this.receiver = receiver;
        }

        void add(Finding f) {
            kinds.add(f.kind());
            if (f.flow() != lastFlow) {
                requests++;
                lastFlow = f.flow();
            }
        }

        /** The organisation, else the registrable domain, host or IP. */
        public String receiver() {
            return receiver;
        }

        /** The profile kinds it received, in the order of the kinds table ("device_model", "os_version"...). */
        public List<String> kinds() {
            return List.copyOf(kinds);
        }

        /** The requests that carried any of them. */
        public int requests() {
            return requests;
        }

        /** "The device's profile went to example.com: device model, OS version, time zone (12 requests)". */
        public String sentence() {
            List<String> words = kinds.stream().map(DataKinds::words).toList();
            return "The device's profile went to " + receiver + ": " + String.join(", ", words) + " ("
                    + Headline.plural(requests, "request") + ")";
        }
    }

    private static int tableOrder(String kind) {
        int i = 0;
        for (String k : DataKinds.known().keySet()) {
            if (k.equals(kind)) {
                return i;
            }
            i++;
        }
        return i;
    }
}
