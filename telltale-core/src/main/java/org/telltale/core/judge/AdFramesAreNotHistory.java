package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.TrackerHosts;
import org.telltale.core.Sites;

/**
 * A URL on a known ad or tracker host is not a page the user visited: it is the document of an ad
 * frame (whose address browsers send as Referer) or a tracker's own endpoint. The tracker lists are
 * handed over as a table, so this rule gives the same answer whether or not destinations are
 * attributed.
 */
public final class AdFramesAreNotHistory implements Rule {
    static final String BROWSING_HISTORY = "browsing_history";
    private final TrackerHosts trackers;

    public AdFramesAreNotHistory(TrackerHosts trackers) {
        this.trackers = trackers;
    }

    @Override
    public String name() {
        return "ad-frames-are-not-history";
    }

    @Override
    public List<Candidate> apply(List<Candidate> candidates, Verdict verdict) {
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (!isTrackerPage(c)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private boolean isTrackerPage(Candidate c) {
        if (c.planted() || !BROWSING_HISTORY.equals(c.detection().kind())) {
            return false;
        }
        String host = Sites.hostOf(c.detection().value());
        return host != null && trackers.isTracker(host);
    }
}
