package org.telltale.apk.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CaseLinks;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.api.scan.TrackerHit;
import org.telltale.core.Sites;

/**
 * Puts scanned code next to captured traffic. A captured host is linked to code that names the same
 * host, or failing that a host of the same registrable domain (an SDK that names {@code sdk.example.cn}
 * and a capture that went to {@code log.example.cn}); which of the two is said for each link.
 */
public final class CaseLinker {
    private static final int SAMPLE = 10;

    private CaseLinker() {
    }

    /**
     * @param scans    the apps scanned
     * @param captured captured host → exchanges to it
     */
    public static CaseLinks link(List<AppScan> scans, Map<String, Long> captured) {
        Map<String, List<String>> byHost = new HashMap<>();
        Map<String, List<String>> byDomain = new HashMap<>();
        for (AppScan scan : scans) {
            for (CodeEndpoint e : scan.endpoints()) {
                String place = scan.file() + ": " + e.where() + (e.tracker() == null ? "" : " (" + e.tracker() + ")");
                byHost.computeIfAbsent(e.host(), k -> new ArrayList<>()).add(place);
                String domain = Sites.registrableDomain(e.host());
                if (domain != null) {
                    byDomain.computeIfAbsent(domain, k -> new ArrayList<>()).add(place);
                }
            }
        }
        List<CaseLinks.HostLink> hosts = new ArrayList<>();
        for (Map.Entry<String, Long> c : new TreeMap<>(captured).entrySet()) {
            List<String> exact = byHost.get(c.getKey());
            String domain = Sites.registrableDomain(c.getKey());
            List<String> near = domain == null ? null : byDomain.get(domain);
            if (exact != null) {
                hosts.add(new CaseLinks.HostLink(c.getKey(), c.getValue(), sample(exact), true));
            } else if (near != null) {
                hosts.add(new CaseLinks.HostLink(c.getKey(), c.getValue(), sample(near), false));
            }
        }
        Map<String, Set<String>> capturedByDomain = new HashMap<>();
        for (String host : captured.keySet()) {
            String d = Sites.registrableDomain(host);
            if (d != null) {
                capturedByDomain.computeIfAbsent(d, k -> new TreeSet<>()).add(host);
            }
        }
        List<CaseLinks.TrackerTraffic> trackers = new ArrayList<>();
        for (AppScan scan : scans) {
            for (TrackerHit hit : scan.trackers()) {
                // Seen: the captured hosts themselves (a capture to log.example.cn is not one to sdk.example.cn);
                // not seen: the servers the code names that no exchange went to.
                Set<String> seen = new TreeSet<>();
                List<String> notSeen = new ArrayList<>();
                for (String host : hit.endpoints()) {
                    if (captured.containsKey(host)) {
                        seen.add(host);
                    } else {
                        notSeen.add(host);
                    }
                    String d = Sites.registrableDomain(host);
                    if (d != null) {
                        seen.addAll(capturedByDomain.getOrDefault(d, Set.of()));
                    }
                }
                trackers.add(new CaseLinks.TrackerTraffic(scan.file(), hit.id(), hit.name(), List.copyOf(seen), notSeen));
            }
        }
        return new CaseLinks(hosts, trackers);
    }

    private static List<String> sample(List<String> places) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(places));
        return distinct.subList(0, Math.min(SAMPLE, distinct.size()));
    }
}
