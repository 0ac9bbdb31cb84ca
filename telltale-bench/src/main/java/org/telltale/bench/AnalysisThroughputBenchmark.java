package org.telltale.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.telltale.api.AnalysisResult;
import org.telltale.api.DestinationResolver;
import org.telltale.api.TrackerHosts;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.core.Analysis;
import org.telltale.testkit.corpus.Corpus;
import org.telltale.testkit.corpus.LeakCorpus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end analysis of a generated leak corpus (tracking SDK formats, random encoding chains, decoys)
 * with a thousand canaries, without attribution. The payload of one operation is the request bytes
 * the engine has to look through: URL, header names and values, and body, summed over all flows.
 * MB/s = the {@code bytes} rate JMH prints (bytes/s) / 10^6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AnalysisThroughputBenchmark {
    /** Flows in the corpus. */
    @Param("2000")
    public int flows;
    /** Canaries planted and searched for. */
    @Param("1000")
    public int canaries;
    /** Seed of the corpus. */
    @Param("42")
    public long seed;

    private Corpus corpus;
    private MemorySource source;
    private long payloadBytes;

    @Setup(Level.Trial)
    public void generate() {
        corpus = LeakCorpus.generate(seed, flows, canaries);
        source = new MemorySource("leak-corpus-" + seed, corpus.exchanges());
        payloadBytes = corpus.exchanges().stream().mapToLong(AnalysisThroughputBenchmark::requestBytes).sum();
        System.out.printf("%n[corpus] seed %d: %d exchanges, %d canaries, %d request payload bytes per operation%n",
                seed, corpus.exchanges().size(), corpus.canaries().canaries().size(), payloadBytes);
    }

    /** Builds the analysis (canary automaton included) and runs it over every flow. */
    @Benchmark
    public AnalysisResult analyse(PayloadBytes counter) {
        AnalysisResult result = Analysis.withBuiltIns(corpus.canaries(), DestinationResolver.NONE, TrackerHosts.NONE).run(List.of(source));
        counter.bytes += payloadBytes;
        return result;
    }

    /** Only the set-up part of {@link #analyse}: decoders, detectors and the automaton of all canary variants. */
    @Benchmark
    public Analysis buildOnly() {
        return Analysis.withBuiltIns(corpus.canaries(), DestinationResolver.NONE, TrackerHosts.NONE);
    }

    static long requestBytes(Exchange exchange) {
        long bytes = exchange.request().url().getBytes(StandardCharsets.UTF_8).length;
        for (Header header : exchange.request().headers()) {
            bytes += header.name().getBytes(StandardCharsets.UTF_8).length + header.value().getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] body = exchange.request().body();
        return bytes + (body == null ? 0 : body.length);
    }
}
