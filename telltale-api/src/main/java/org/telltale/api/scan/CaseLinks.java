package org.telltale.api.scan;

import java.util.List;

/**
 * Scanned code next to a case's captured traffic: which captured servers some scanned code is built to
 * talk to, and for each tracker found in code, whether the servers it names were seen.
 *
 * @param hosts    captured hosts that scanned code names, by host or by registrable domain
 * @param trackers each tracker found in the scanned apps, with its servers seen and not seen
 */
public record CaseLinks(List<HostLink> hosts, List<TrackerTraffic> trackers) {
    public CaseLinks {
        hosts = List.copyOf(hosts);
        trackers = List.copyOf(trackers);
    }

    /**
     * A captured host and the code that names it.
     *
     * @param host      the captured host
     * @param exchanges how many captured exchanges went to it
     * @param namedBy   the places that name it: "app file: class (tracker)", up to ten
     * @param sameHost  true when code names this very host; false when only its registrable domain
     */
    public record HostLink(String host, long exchanges, List<String> namedBy, boolean sameHost) {
        public HostLink {
            namedBy = List.copyOf(namedBy);
        }
    }

    /**
     * A tracker found in a scanned app, and whether its servers appear in the traffic.
     *
     * @param app      the app's file
     * @param tracker  the tracker's id
     * @param name     its name
     * @param seen     the captured hosts among its servers (by host or registrable domain)
     * @param notSeen  its servers no captured exchange went to
     */
    public record TrackerTraffic(String app, String tracker, String name, List<String> seen, List<String> notSeen) {
        public TrackerTraffic {
            seen = List.copyOf(seen);
            notSeen = List.copyOf(notSeen);
        }
    }
}
