package org.telltale.store;

import java.util.Map;

/**
 * What an analysis was made with, kept with its results so a reader knows whether they are current.
 *
 * @param toolVersion the Telltale version
 * @param engine      the engine's specification (limits, decoders, detectors), written as JSON
 * @param canaries    the canary file of the case it used, or null for none
 * @param datasets    each dataset read, by name, to its version
 */
public record RunInfo(String toolVersion, Map<String, Object> engine, CanarySets.StoredCanaries canaries,
                      Map<String, String> datasets) {
    public RunInfo {
        engine = Map.copyOf(engine);
        datasets = Map.copyOf(datasets);
    }
}
