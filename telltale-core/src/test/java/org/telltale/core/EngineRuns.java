package org.telltale.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.Exchange;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.TrackerHosts;

/**
 * Runs the whole engine (every built-in decoder and detector) on one exchange and replays every
 * finding's steps, for end-to-end tests of a format: what was found, with which provenance.
 */
public final class EngineRuns {
    private EngineRuns() {
    }

    /** The findings of one exchange; each one's steps are replayed, and a replay that fails throws. */
    public static List<Finding> findings(Exchange exchange, Canary... canaries) {
        EngineSpec spec = EngineSpec.allComponents(new CanaryFile(List.of(canaries), List.of()), Map.of());
        Engine engine = Engine.build(spec, TrackerHosts.NONE);
        ExchangeAnalysis analysis = engine.analyze(new FlowKey(0, FlowKey.id("0".repeat(64), "entry 0"), "test"),
                exchange);
        Replay replay = new Replay(spec);
        for (Finding f : analysis.findings()) {
            try {
                List<Replay.Layer> layers = replay.layers(exchange, f.location(), f.steps());
                byte[] inner = layers.get(layers.size() - 1).node().data();
                if (f.end() > inner.length) {
                    throw new AssertionError("replayed layer is shorter than the match of " + f.provenance());
                }
            } catch (Replay.ReplayException e) {
                throw new AssertionError("replay of " + f.provenance() + " failed: " + e.getMessage(), e);
            }
        }
        return analysis.findings();
    }

    /** The provenance lines of the findings of the canary with this id. */
    public static List<String> provenances(List<Finding> findings, String canary) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            if (canary.equals(f.canary())) {
                out.add(f.provenance());
            }
        }
        return out;
    }
}
