package org.telltale.core;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.telltale.api.CanaryFile;
import org.telltale.api.DecodeLimits;
import org.telltale.core.cross.LearnedValue;

/**
 * Everything that decides what the engine finds, and nothing else: serialisable, so a cluster ships
 * it to every executor and builds the same engine there, and digestible, so a case knows whether a
 * stored analysis is still current.
 *
 * @param canaries the planted values and the marked sessions
 * @param limits   the bounds on one exchange's work
 * @param decoders the decoders in use, by name, in registration order
 * @param detectors the detectors in use, by name, in registration order ("canary" is the canary matcher)
 * @param datasets  each dataset the judging rules read (tracker lists), by name, to its version or digest
 * @param learned   the values a first pass over the same inputs learned (identifiers, shared IDs), looked
 *                  for by the "learned" detector when it is listed; empty for a run of one pass
 */
public record EngineSpec(CanaryFile canaries, DecodeLimits limits, List<String> decoders, List<String> detectors,
                         Map<String, String> datasets, List<LearnedValue> learned) implements Serializable {
    private static final long serialVersionUID = 1L;

    public EngineSpec {
        decoders = List.copyOf(decoders);
        detectors = List.copyOf(detectors);
        datasets = Map.copyOf(new TreeMap<>(datasets));
        learned = List.copyOf(learned);
    }

    /** A spec with nothing learned. */
    public EngineSpec(CanaryFile canaries, DecodeLimits limits, List<String> decoders, List<String> detectors,
                      Map<String, String> datasets) {
        this(canaries, limits, decoders, detectors, datasets, List.of());
    }

    /** The same engine plus one more detector, named as {@link Components} knows it (a first pass's "id_token"). */
    public EngineSpec withDetector(String name) {
        List<String> more = new java.util.ArrayList<>(detectors);
        more.add(name);
        return new EngineSpec(canaries, limits, decoders, more, datasets, learned);
    }

    /** The same engine looking also for what a first pass learned; the "learned" detector is listed when there is any. */
    public EngineSpec withLearned(List<LearnedValue> values) {
        List<String> names = new java.util.ArrayList<>(detectors);
        names.remove(Components.LEARNED);
        if (!values.isEmpty()) {
            names.add(Components.LEARNED);
        }
        return new EngineSpec(canaries, limits, decoders, names, datasets, values);
    }

    /** Every built-in and plug-in decoder and detector, the default limits. */
    public static EngineSpec allComponents(CanaryFile canaries, Map<String, String> datasets) {
        return allComponents(canaries, datasets, Components.contextLoader());
    }

    /** Every built-in decoder and detector and every plug-in the class loader finds, the default limits. */
    public static EngineSpec allComponents(CanaryFile canaries, Map<String, String> datasets, ClassLoader plugins) {
        return new EngineSpec(canaries, DecodeLimits.DEFAULT, Components.decoderNames(plugins),
                Components.detectorNames(plugins), datasets);
    }
}
