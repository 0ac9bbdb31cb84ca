package org.telltale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.TrackerHosts;
import org.telltale.testkit.corpus.Corpus;
import org.telltale.testkit.corpus.LeakCorpus;
import org.telltale.testkit.corpus.TruthRow;

/**
 * The engine on many generated leak corpora at once (the CLI's LeakCorpusTest runs a few through
 * the whole command): every planted leak found and nothing else, over (flow, canary) pairs. The
 * chains mix every layer the corpus knows (gRPC, CBOR, MessagePack, XML, JSON lines, Socket.IO,
 * raw deflate among them), so many seeds exercise many combinations.
 *
 * <p>For measuring, {@code -Dsweep.seeds=N} changes the number of corpora and
 * {@code -Dsweep.decoders=gzip,deflate,...} runs with only the named decoders (the test then prints
 * its score instead of asserting it).
 */
class LeakCorpusSweepTest {
    private static final long FIRST_SEED = 1000;

    @Test
    void everyPlantedLeakOfManyCorporaIsFoundAndNothingElse() {
        int seeds = Integer.getInteger("sweep.seeds", 60);
        String only = System.getProperty("sweep.decoders");
        int truePairs = 0;
        int foundPairs = 0;
        int hits = 0;
        List<String> problems = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + seeds; seed++) {
            Corpus corpus = LeakCorpus.generate(seed, 90, 12);
            EngineSpec all = EngineSpec.allComponents(corpus.canaries(), Map.of());
            EngineSpec spec = only == null ? all
                    : new EngineSpec(all.canaries(), all.limits(), List.of(only.split(",")), all.detectors(), all.datasets());
            Engine engine = Engine.build(spec, TrackerHosts.NONE);
            Map<String, String> found = new HashMap<>();
            for (int i = 0; i < corpus.exchanges().size(); i++) {
                ExchangeAnalysis a = engine.analyze(new FlowKey(i, "flow " + i, "corpus " + seed), corpus.exchanges().get(i));
                for (Finding f : a.findings()) {
                    if (f.canary() != null) {
                        found.putIfAbsent(i + " " + f.canary(), f.provenance());
                    }
                }
            }
            Map<String, TruthRow> truth = new HashMap<>();
            corpus.leaks().forEach(t -> truth.putIfAbsent(t.flow() + " " + t.canary(), t));
            truePairs += truth.size();
            foundPairs += found.size();
            for (Map.Entry<String, TruthRow> t : truth.entrySet()) {
                if (found.containsKey(t.getKey())) {
                    hits++;
                } else {
                    problems.add("seed " + seed + " missed " + t.getValue());
                }
            }
            for (Map.Entry<String, String> f : found.entrySet()) {
                if (!truth.containsKey(f.getKey())) {
                    problems.add("seed " + seed + " false " + f.getKey() + " at " + f.getValue());
                }
            }
        }
        double precision = foundPairs == 0 ? 1.0 : (double) hits / foundPairs;
        double recall = truePairs == 0 ? 1.0 : (double) hits / truePairs;
        System.out.printf("leak corpus, %d seeds from %d%s: %d true pairs, precision %.4f, recall %.4f%n", seeds,
                FIRST_SEED, only == null ? "" : " with only " + only, truePairs, precision, recall);
        if (only != null) {
            return;
        }
        assertThat(problems).as("precision %.4f recall %.4f", precision, recall).isEmpty();
        assertThat(truePairs).isGreaterThan(seeds * 40);
    }
}
