package org.telltale.apk.trackers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which trackers a host name belongs to, by the trackers' network signatures: Exodus's (regexes, read
 * as label patterns by {@link HostPattern}, whose comment lists how each form is read) and ours
 * (plain host suffixes). Plain suffixes are looked up in a map, one look-up per label boundary of
 * the host; the few patterns with wildcards are tried one by one. A host is read only up to 253
 * characters and 127 labels, the most DNS allows, so hostile input costs little.
 */
public final class NetworkSignatures {
    static final int MAX_HOST_LENGTH = 253;

    private final List<Tracker> trackers;
    private final Map<String, int[]> bySuffix;
    private final List<HostPattern> wildcards = new ArrayList<>();
    private final List<Integer> wildcardTracker = new ArrayList<>();
    private final List<String> unread = new ArrayList<>();
    private int plainCount;

    private NetworkSignatures(List<Tracker> trackers) {
        this.trackers = List.copyOf(trackers);
        Map<String, TreeSet<Integer>> suffixes = new HashMap<>();
        for (int t = 0; t < trackers.size(); t++) {
            for (String signature : trackers.get(t).networkSignatures()) {
                HostPattern pattern = HostPattern.parse(signature);
                if (pattern == null) {
                    unread.add(signature);
                    continue;
                }
                String suffix = pattern.literalSuffix();
                if (suffix != null) {
                    plainCount++;
                    suffixes.computeIfAbsent(suffix, k -> new TreeSet<>()).add(t);
                } else {
                    wildcards.add(pattern);
                    wildcardTracker.add(t);
                }
            }
        }
        bySuffix = new HashMap<>();
        suffixes.forEach((k, v) -> bySuffix.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The signatures of every tracker of the catalogue; indexes are the catalogue's. */
    public static NetworkSignatures of(TrackerCatalogue catalogue) {
        return new NetworkSignatures(catalogue.trackers());
    }

    /** The bundled catalogue's signatures. */
    public static NetworkSignatures bundled() {
        return Holder.BUNDLED;
    }

    /**
     * The indexes of the trackers whose network signature matches the host, ascending, each once.
     *
     * @param host a host name, any case, with or without a trailing dot
     */
    public List<Integer> match(String host) {
        String[] labels = labels(host);
        if (labels == null) {
            return List.of();
        }
        TreeSet<Integer> found = new TreeSet<>();
        String h = String.join(".", labels);
        int start = 0;
        for (String label : labels) {
            int[] hit = bySuffix.get(h.substring(start)); // each label-boundary suffix: sdk.split.io, split.io, io
            if (hit != null) {
                for (int t : hit) {
                    found.add(t);
                }
            }
            start += label.length() + 1;
        }
        for (int p = 0; p < wildcards.size(); p++) {
            if (wildcards.get(p).matches(labels)) {
                found.add(wildcardTracker.get(p));
            }
        }
        return found.isEmpty() ? List.of() : List.copyOf(found);
    }

    /** The tracker at a reported index. */
    public Tracker tracker(int index) {
        return trackers.get(index);
    }

    /** Signatures in a form {@link HostPattern} does not read, left out (none in the bundled lists). */
    public List<String> unread() {
        return Collections.unmodifiableList(unread);
    }

    /** How many signatures were read as plain suffixes and how many as patterns with wildcards, for the record. */
    public int[] counts() {
        return new int[] {plainCount, wildcards.size()};
    }

    private static String[] labels(String host) {
        if (host == null) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > MAX_HOST_LENGTH) {
            return null;
        }
        String[] labels = h.split("\\.", -1);
        for (String l : labels) {
            if (l.isEmpty()) {
                return null;
            }
        }
        return labels;
    }

    private static final class Holder {
        static final NetworkSignatures BUNDLED = of(TrackerCatalogue.bundled());
    }
}
