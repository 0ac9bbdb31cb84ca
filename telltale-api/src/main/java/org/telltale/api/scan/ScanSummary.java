package org.telltale.api.scan;

import java.util.List;

/**
 * An app scanned into a case, as its report tells it: who it is, the trackers in its code, and the
 * servers its code names that the case's captures went to.
 *
 * @param file        the file as scanned
 * @param packageName its package, or null
 * @param versionName its version, or null
 * @param classes     classes read (0: its code was not read, so its trackers are unknown)
 * @param trackers    the trackers in its code with how far its own code goes to each
 * @param captured    the hosts its code names that captured exchanges went to, with how many
 */
public record ScanSummary(String file, String packageName, String versionName, int classes, List<Tracker> trackers,
                          List<Host> captured) {
    public ScanSummary {
        trackers = List.copyOf(trackers);
        captured = List.copyOf(captured);
    }

    /** A tracker in the app's code. */
    public record Tracker(String name, TrackerHit.Reach reach) {
    }

    /** A host the app's code names, and how many captured exchanges went to it. */
    public record Host(String host, long exchanges) {
    }
}
