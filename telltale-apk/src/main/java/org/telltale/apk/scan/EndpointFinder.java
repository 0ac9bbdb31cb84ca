package org.telltale.apk.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.telltale.api.DestinationResolver;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.endpoints.EndpointExtractor;
import org.telltale.apk.trackers.ClassSignatureMatcher;
import org.telltale.apk.trackers.NetworkSignatures;

/**
 * The servers an app's code and files name, each tied to the tracker it belongs to (by the class
 * that names it, else by the tracker lists' network signatures) and attributed like a captured
 * destination. One endpoint per URL (per host for a bare host name); the first place that names it is
 * kept, unless a later one ties it to a tracker.
 */
final class EndpointFinder {
    private final EndpointExtractor extractor;
    private final NetworkSignatures network;
    private final ClassSignatureMatcher matcher;
    private final DestinationResolver resolver;

    EndpointFinder(EndpointExtractor extractor, NetworkSignatures network, ClassSignatureMatcher matcher,
                   DestinationResolver resolver) {
        this.extractor = extractor;
        this.network = network;
        this.matcher = matcher;
        this.resolver = resolver;
    }

    /** Result of a search: the endpoints, and the hosts each tracker (by index) is tied to. */
    record Found(List<CodeEndpoint> endpoints, Map<Integer, Set<String>> hostsOf) {
    }

    Found find(AppContents app, Map<String, Integer> trackerOf) {
        Map<String, Candidate> byKey = new LinkedHashMap<>();
        for (CodeClass c : app.index.all()) {
            Integer tracker = trackerOf.get(c.name());
            for (String constant : c.constants()) {
                offer(byKey, constant, c.name(), tracker);
            }
            for (CodeMethod m : c.methods()) {
                for (String s : m.strings()) {
                    offer(byKey, s, c.name(), tracker);
                }
            }
        }
        for (AppContents.PlacedString s : app.fileStrings) {
            offer(byKey, s.value(), s.where(), null);
        }
        List<CodeEndpoint> endpoints = new ArrayList<>(byKey.size());
        Map<Integer, Set<String>> hostsOf = new HashMap<>();
        Map<String, org.telltale.api.Attribution> attributed = new HashMap<>();
        for (Candidate c : byKey.values()) {
            Integer tracker = c.tracker != null ? c.tracker : firstNetworkMatch(c.host);
            if (tracker != null) {
                hostsOf.computeIfAbsent(tracker, k -> new TreeSet<>()).add(c.host);
            }
            endpoints.add(new CodeEndpoint(c.host, c.url, c.where, tracker == null ? null : matcher.tracker(tracker).key(),
                    attributed.computeIfAbsent(c.host, h -> resolver.resolve(h, null))));
        }
        endpoints.sort(java.util.Comparator.comparing(CodeEndpoint::host)
                .thenComparing(e -> e.url() == null ? "" : e.url()));
        return new Found(endpoints, hostsOf);
    }

    private Integer firstNetworkMatch(String host) {
        List<Integer> matches = network.match(host);
        return matches.isEmpty() ? null : matches.get(0);
    }

    private void offer(Map<String, Candidate> byKey, String constant, String where, Integer tracker) {
        extractor.extract(constant, e -> {
            String key = e.url() != null ? e.url() : e.host();
            Candidate old = byKey.get(key);
            if (old == null || (old.tracker == null && tracker != null)) {
                byKey.put(key, new Candidate(e.host(), e.url(), where, tracker));
            }
        });
    }

    private record Candidate(String host, String url, String where, Integer tracker) {
    }
}
