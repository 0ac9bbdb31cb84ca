package org.telltale.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.telltale.api.CanaryFile;
import org.telltale.api.Organisations;
import org.telltale.api.Session;
import org.telltale.api.TrackerHosts;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.store.CaseFileException;
import org.telltale.store.MarkedSessions;

/**
 * The engine of a recording, built again whenever the session windows marked in the case change (by
 * the console's keys or {@code telltale session} from another terminal). {@link #refresh} reads the
 * marks; it runs on the recording's reading thread before each observation, so a mark made before an
 * exchange was read applies to it, by the exchange's own time.
 */
final class SessionEngines implements Supplier<Engine> {
    private final CanaryFile canaries;
    private final Map<String, String> datasets;
    private final TrackerHosts trackers;
    private final Organisations organisations;
    private final MarkedSessions marks;
    private List<Session> marked;
    private volatile Engine engine;

    SessionEngines(CanaryFile canaries, Map<String, String> datasets, TrackerHosts trackers, Organisations organisations,
                   MarkedSessions marks) throws CaseFileException {
        this.canaries = canaries;
        this.datasets = datasets;
        this.trackers = trackers;
        this.organisations = organisations;
        this.marks = marks;
        this.marked = marks.list();
        this.engine = build(marked);
    }

    private Engine build(List<Session> sessions) {
        return Engine.build(EngineSpec.allComponents(canaries.withSessions(sessions), datasets), trackers, organisations);
    }

    /** Reads the marks again; a change builds a new engine for what is read from now on. */
    void refresh() {
        List<Session> now;
        try {
            now = marks.list();
        } catch (CaseFileException e) {
            return; // the marks read last still apply; the next exchange reads them again
        }
        if (!now.equals(marked)) {
            marked = now;
            engine = build(now);
        }
    }

    @Override
    public Engine get() {
        return engine;
    }
}
