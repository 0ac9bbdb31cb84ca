package org.telltale.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.telltale.api.Attribution;
import org.telltale.api.DataKinds;
import org.telltale.api.Destination;
import org.telltale.api.Finding;

/**
 * Folds findings that say the same thing: one group per kind of data, value (or canary) and
 * receiving organisation, so a page load's two hundred "the page's address reached another domain"
 * rows read as a handful, each with its counts and every request still behind it. An ID shared
 * between organisations ("shared_id") is one group whatever its receivers, since the point is
 * that one value reached them all. The text report and the HTML report fold the same way through
 * this class.
 */
public final class FindingGroups {
    private final Map<Key, Group> groups = new LinkedHashMap<>();

    /** Who received a finding, as grouping and reports name it: the organisation, else the domain, host or IP. */
    public static String receiver(Destination d) {
        Attribution a = d.attribution();
        if (a.organization() != null) {
            return a.organization();
        }
        if (a.registrableDomain() != null) {
            return a.registrableDomain();
        }
        return d.host() != null ? d.host() : String.valueOf(d.ip());
    }

    /** The kind of an ID that reached several organisations, reported once with all of them. */
    public static final String SHARED_ID = "shared_id";

    /** Adds a finding to its group, made when it is the first of its kind. */
    public void add(Finding f) {
        Key key = new Key(f.kind(), f.canary(), f.canary() != null ? f.canary() : f.value(),
                SHARED_ID.equals(f.kind()) ? null : receiver(f.destination()));
        groups.computeIfAbsent(key, k -> new Group(k, groups.size())).add(f);
    }

    /** Folds all of them. */
    public static FindingGroups of(List<Finding> findings) {
        FindingGroups g = new FindingGroups();
        findings.forEach(g::add);
        return g;
    }

    /**
     * The groups, planted values first, the device's profile (the least severe family of
     * {@link DataKinds}) after every other built-in kind, then by requests (most first), then in order
     * of first appearance.
     */
    public List<Group> sorted() {
        List<Group> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparing((Group g) -> g.key().canary() == null)
                .thenComparing((Group g) -> g.key().canary() == null && DataKinds.isProfile(g.key().kind()))
                .thenComparing(Comparator.comparingInt(Group::requests).reversed())
                .thenComparingInt(Group::order));
        return out;
    }

    /**
     * What a group is about.
     *
     * @param kind     the canary type or detector name
     * @param canary   the canary id, or null for a built-in detection
     * @param subject  the canary id, else the value
     * @param receiver the organisation, else the registrable domain, host or IP; null for a shared ID,
     *                 whose group holds every receiver
     */
    public record Key(String kind, String canary, String subject, String receiver) {
    }

    /** Findings that say the same thing, with what a reader counts first. */
    public static final class Group {
        private final Key key;
        private final int order;
        private final List<Finding> findings = new ArrayList<>();
        private final Set<Integer> flows = new TreeSet<>();
        private final Set<String> hosts = new TreeSet<>();
        private final Set<String> receivers = new TreeSet<>();
        private final Set<String> countries = new TreeSet<>();
        private final Map<String, Set<Integer>> sessions = new TreeMap<>();
        private final Map<String, Set<Integer>> countryFlows = new TreeMap<>();

        Group(Key key, int order) {
            this.key = key;
            this.order = order;
        }

        void add(Finding f) {
            findings.add(f);
            flows.add(f.flow());
            Destination d = f.destination();
            hosts.add(d.host() != null ? d.host() : String.valueOf(d.ip()));
            receivers.add(receiver(d));
            if (d.attribution().country() != null) {
                countries.add(d.attribution().country());
            }
            countryFlows.computeIfAbsent(d.attribution().country() != null ? d.attribution().country() : "", c -> new TreeSet<>())
                    .add(f.flow());
            if (f.session() != null) {
                sessions.computeIfAbsent(f.session(), s -> new TreeSet<>()).add(f.flow());
            }
        }

        public Key key() {
            return key;
        }

        int order() {
            return order;
        }

        /** The first finding, whose value, path and destination stand for the group. */
        public Finding first() {
            return findings.get(0);
        }

        /** Every finding, in the order they were added. */
        public List<Finding> findings() {
            return Collections.unmodifiableList(findings);
        }

        /** Distinct requests (flows) it left in. */
        public int requests() {
            return flows.size();
        }

        /** The flow indexes, ascending. */
        public Set<Integer> flows() {
            return Collections.unmodifiableSet(flows);
        }

        /** The hosts (or IPs) it reached, sorted. */
        public Set<String> hosts() {
            return Collections.unmodifiableSet(hosts);
        }

        /** Who received it (organisations, else domains), sorted: one for most groups, all of a shared ID's. */
        public Set<String> receivers() {
            return Collections.unmodifiableSet(receivers);
        }

        /** The countries of the servers (ISO codes), sorted. */
        public Set<String> countries() {
            return Collections.unmodifiableSet(countries);
        }

        /** Server country (ISO code, "" when unknown) to the number of requests that reached a server there. */
        public Map<String, Integer> countryRequests() {
            Map<String, Integer> out = new TreeMap<>();
            countryFlows.forEach((country, f) -> out.put(country, f.size()));
            return out;
        }

        /** Marked session label to the number of requests in it. */
        public Map<String, Integer> sessions() {
            Map<String, Integer> out = new TreeMap<>();
            sessions.forEach((label, f) -> out.put(label, f.size()));
            return out;
        }
    }
}
