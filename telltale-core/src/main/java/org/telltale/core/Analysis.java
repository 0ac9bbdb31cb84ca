package org.telltale.core;

import java.util.List;
import java.util.Map;

import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.DestinationResolver;
import org.telltale.api.TrackerHosts;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;
import org.telltale.core.run.ResultCollector;

/**
 * The whole analysis in one call, kept in memory: for tests, benchmarks and small captures. The
 * command line streams instead, through {@link AnalysisRun} and its sinks.
 */
public final class Analysis {
    private final Engine engine;
    private final DestinationResolver resolver;
    private final int threads;

    private Analysis(Engine engine, DestinationResolver resolver, int threads) {
        this.engine = engine;
        this.resolver = resolver;
        this.threads = threads;
    }

    /** Every built-in decoder and detector, the default limits, one analysing thread per core. */
    public static Analysis withBuiltIns(CanaryFile canaries, DestinationResolver resolver, TrackerHosts trackers) {
        Engine engine = Engine.build(EngineSpec.allComponents(canaries, Map.of()), trackers);
        return new Analysis(engine, resolver, Runtime.getRuntime().availableProcessors());
    }

    /** The engine this analysis runs. */
    public Engine engine() {
        return engine;
    }

    /** Reads every input in order and analyses what it holds; a bad input never stops the others. */
    public AnalysisResult run(List<? extends CaptureSource> inputs) {
        ResultCollector collector = new ResultCollector(engine.spec().canaries(), true);
        new AnalysisRun(engine, new Attributor(resolver), threads).run(inputs, collector);
        return collector.result();
    }
}
