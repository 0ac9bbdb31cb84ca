package org.telltale.core.cross;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;
import org.telltale.api.TrackerHosts;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;

/**
 * A run in two passes over the same inputs, so a value learned in one request is found in every
 * other, before it as well as after. The first pass analyses everything with one more detector (the
 * identifier-shaped values of {@link IdTokens}) into a {@link CrossLearner} and shows nothing; the
 * second is the ordinary run, its engine also looking for what the first learned (each learned
 * identifier's hashes and encodings, each ID that reached two organisations or more), and streams to
 * the sink as any run does. Memory stays bounded: both passes keep the ordinary window, and between
 * them only the learner's capped tables are held. The cost is reading and analysing the inputs twice;
 * a live recording, whose inputs cannot be read again, runs in one pass.
 */
public final class CrossExchangeRun {
    private final EngineSpec spec;
    private final TrackerHosts trackers;
    private final Attributor owners;
    private final Attributor attributor;
    private final int threads;
    private volatile AnalysisRun current;
    private volatile String stopped;
    private volatile List<LearnedValue> learned = List.of();

    /**
     * @param spec       the engine of an ordinary run
     * @param trackers   the tracker table both engines' judging reads
     * @param owners     the attribution that says who received a value in the first pass: the datasets,
     *                   whether or not the output shows what they say, so what is found never depends
     *                   on --no-attribution
     * @param attributor the attribution of the output
     * @param threads    how many exchanges are analysed at once
     */
    public CrossExchangeRun(EngineSpec spec, TrackerHosts trackers, Attributor owners, Attributor attributor,
                            int threads) {
        this.spec = spec;
        this.trackers = trackers;
        this.owners = owners;
        this.attributor = attributor;
        this.threads = threads;
    }

    /** Both passes: learns from the inputs, then analyses them again into the sink. */
    public AnalysisRun.Outcome run(List<? extends CaptureSource> inputs, AnalysisSink sink) {
        CrossLearner learner = new CrossLearner();
        AnalysisRun first = new AnalysisRun(Engine.build(spec.withDetector(IdTokens.NAME), trackers), owners, threads);
        current = first;
        AnalysisRun.Outcome learning = stopped == null ? first.run(inputs, learner) : null;
        String why = stopped != null ? stopped : learning.stopped();
        if (why != null) {
            // Stopped before anything was shown (Ctrl-C, the heap): the sink still begins and ends, saying why.
            List<String> names = inputs.stream().map(CaptureSource::name).toList();
            sink.begin(names);
            sink.end(List.of(), why);
            return new AnalysisRun.Outcome(0, 0, learning != null && learning.badInput(), why,
                    learning != null ? learning.failure() : null);
        }
        learned = learner.learned();
        AnalysisRun second = new AnalysisRun(Engine.build(spec.withLearned(learned), trackers), attributor, threads);
        current = second;
        String late = stopped;
        if (late != null) {
            try {
                second.stop(late, 0); // asked between the passes: the second reads nothing and ends at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return second.run(inputs, new WithNotes(sink, learner.diagnostics()));
    }

    /** What the first pass learned (empty before it ends). */
    public List<LearnedValue> learned() {
        return learned;
    }

    /** Asks the pass under way to stop (Ctrl-C); see {@link AnalysisRun#stop}. */
    public boolean stop(String why, long millis) throws InterruptedException {
        if (stopped == null) {
            stopped = why;
        }
        AnalysisRun run = current;
        return run == null || run.stop(why, millis);
    }

    /** A sink that adds the first pass's notes (a cap that was hit) to the run's diagnostics. */
    private static final class WithNotes implements AnalysisSink {
        private final AnalysisSink sink;
        private final List<Diagnostic> notes;

        WithNotes(AnalysisSink sink, List<Diagnostic> notes) {
            this.sink = sink;
            this.notes = notes;
        }

        @Override
        public void begin(List<String> inputs) {
            sink.begin(inputs);
        }

        @Override
        public void exchange(ExchangeAnalysis analysis) {
            sink.exchange(analysis);
        }

        @Override
        public void opaque(OpaqueFlow flow) {
            sink.opaque(flow);
        }

        @Override
        public void tlsKeyLog(TlsKeyLog log) {
            sink.tlsKeyLog(log);
        }

        @Override
        public void end(List<Diagnostic> diagnostics, String why) {
            List<Diagnostic> all = new ArrayList<>(diagnostics);
            all.addAll(notes);
            sink.end(all, why);
        }
    }
}
