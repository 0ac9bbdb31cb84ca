package org.telltale.core.cross;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.Organisations;
import org.telltale.api.TlsKeyLog;
import org.telltale.api.TrackerHosts;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;

/**
 * A run in two passes over the same inputs, so a value learned in one request is found in every
 * other, before it as well as after. The first pass is the ordinary run, streamed to the sink as it
 * goes, with one more detector whose detections only a {@link CrossLearner} sees (the
 * identifier-shaped values of {@link IdTokens}). The second reads the inputs again with an engine that
 * also looks for what the first learned (each learned identifier's hashes and encodings, each ID
 * that reached two organisations or more), and hands the sink only those findings, as
 * {@link AnalysisSink#learned}. Memory stays bounded: both passes keep the ordinary window, and
 * between them only the learner's capped tables are held. A run stopped in the first pass has shown
 * everything found so far and no learned findings. The cost is reading and analysing the inputs
 * twice; a live recording, whose inputs cannot be read again, runs in one pass.
 */
public final class CrossExchangeRun {
    private final EngineSpec spec;
    private final TrackerHosts trackers;
    private final Organisations organisations;
    private final Attributor owners;
    private final Attributor attributor;
    private final int threads;
    private volatile AnalysisRun current;
    private volatile String stopped;
    private volatile List<LearnedValue> learned = List.of();
    /** Counted down once the sink has been ended, so a stop waits for the output to be whole. */
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param spec       the engine of an ordinary run
     * @param trackers   the tracker table both engines' judging reads
     * @param organisations the organisations' domains both engines' judging reads (a site's sister domains)
     * @param owners     the attribution that says who received a value: the datasets, whether or not
     *                   the output shows what they say, so what is found never depends on --no-attribution
     * @param attributor the attribution the output shows
     * @param threads    how many exchanges are analysed at once
     */
    public CrossExchangeRun(EngineSpec spec, TrackerHosts trackers, Organisations organisations, Attributor owners,
                            Attributor attributor, int threads) {
        this.spec = spec;
        this.trackers = trackers;
        this.organisations = organisations;
        this.owners = owners;
        this.attributor = attributor;
        this.threads = threads;
    }

    /** Both passes: the ordinary analysis into the sink while learning, then what was learned. */
    public AnalysisRun.Outcome run(List<? extends CaptureSource> inputs, AnalysisSink sink) {
        try {
            return passes(inputs, sink);
        } finally {
            done.countDown();
        }
    }

    private AnalysisRun.Outcome passes(List<? extends CaptureSource> inputs, AnalysisSink sink) {
        CrossLearner learner = new CrossLearner();
        Shown shown = new Shown(sink, learner, owners == attributor ? null : attributor);
        AnalysisRun first = new AnalysisRun(Engine.build(spec.withDetector(IdTokens.NAME), trackers, organisations), owners, threads);
        begin(first);
        AnalysisRun.Outcome one = first.run(inputs, shown);
        learned = learner.learned();
        List<Diagnostic> notes = new ArrayList<>(shown.diagnostics);
        notes.addAll(learner.diagnostics());
        String why = one.stopped() != null ? one.stopped() : stopped;
        if (why != null || learned.isEmpty()) {
            sink.end(notes, why);
            return new AnalysisRun.Outcome(one.flows(), shown.findings, one.badInput(), why, one.failure());
        }
        Late late = new Late(sink, notes);
        AnalysisRun second = new AnalysisRun(Engine.build(spec.withLearned(learned), trackers, organisations), attributor, threads);
        begin(second);
        AnalysisRun.Outcome two = second.run(inputs, late);
        return new AnalysisRun.Outcome(one.flows(), shown.findings + late.findings, one.badInput(), two.stopped(),
                two.failure());
    }

    /**
     * Makes a pass the one {@link #stop} reaches, and hands it a stop asked before it was: asked before the
     * run or between the passes, it reads nothing and ends at once.
     */
    private void begin(AnalysisRun pass) {
        current = pass;
        String asked = stopped;
        if (asked != null) {
            try {
                pass.stop(asked, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the first pass learned (empty before it ends). */
    public List<LearnedValue> learned() {
        return learned;
    }

    /**
     * Asks the pass under way to stop (Ctrl-C), see {@link AnalysisRun#stop}, and waits up to the given
     * time for the sink to be ended with what was found.
     */
    public boolean stop(String why, long millis) throws InterruptedException {
        if (stopped == null) {
            stopped = why;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        AnalysisRun run = current;
        if (run != null) {
            run.stop(why, millis);
        }
        AnalysisRun now = current;
        if (now != run && now != null) {
            now.stop(why, Math.max(0, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return done.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * The first pass as the sink sees it: every exchange without the identifier-shaped values only the
     * learner reads, attributed as the output asks; the end is held until the second pass is over.
     */
    private static final class Shown implements AnalysisSink {
        private final AnalysisSink sink;
        private final CrossLearner learner;
        /** The output's attribution when it differs from the learner's (--no-attribution); else null. */
        private final Attributor reattribute;
        List<Diagnostic> diagnostics = List.of();
        long findings;

        Shown(AnalysisSink sink, CrossLearner learner, Attributor reattribute) {
            this.sink = sink;
            this.learner = learner;
            this.reattribute = reattribute;
        }

        @Override
        public void begin(List<String> inputs) {
            learner.begin(inputs);
            sink.begin(inputs);
        }

        @Override
        public void exchange(ExchangeAnalysis a) {
            learner.exchange(a);
            List<Finding> kept = new ArrayList<>(a.findings().size());
            for (Finding f : a.findings()) {
                if (!IdTokens.NAME.equals(f.kind())) {
                    kept.add(reattribute == null ? f : f.withDestination(reattribute.attribute(f.destination())));
                }
            }
            findings += kept.size();
            sink.exchange(new ExchangeAnalysis(a.flow(), kept, a.expected(), a.diagnostics()));
        }

        @Override
        public void opaque(OpaqueFlow o) {
            sink.opaque(reattribute == null ? o : new OpaqueFlow(o.connection(), o.session(), o.input(),
                    reattribute.attribute(o.destination())));
        }

        @Override
        public void tlsKeyLog(TlsKeyLog log) {
            sink.tlsKeyLog(log);
        }

        @Override
        public void end(List<Diagnostic> all, String why) {
            diagnostics = all;
        }
    }

    /** The second pass as the sink sees it: only the findings of learned values, then the one end. */
    private static final class Late implements AnalysisSink {
        private final AnalysisSink sink;
        private final List<Diagnostic> diagnostics;
        long findings;

        Late(AnalysisSink sink, List<Diagnostic> diagnostics) {
            this.sink = sink;
            this.diagnostics = diagnostics;
        }

        @Override
        public void exchange(ExchangeAnalysis a) {
            List<Finding> learned = a.findings().stream().filter(f -> f.firstSeen() != null).toList();
            if (!learned.isEmpty()) {
                findings += learned.size();
                sink.learned(a.flow(), learned);
            }
        }

        @Override
        public void opaque(OpaqueFlow flow) {
        }

        @Override
        public void end(List<Diagnostic> ignored, String why) {
            // The first pass's diagnostics stand: the second read the same inputs and met the same problems.
            sink.end(diagnostics, why);
        }
    }
}
