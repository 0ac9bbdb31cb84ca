package org.telltale.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureException;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Exchange;
import org.telltale.core.Analysis;
import org.telltale.testkit.corpus.LeakCorpus;

/**
 * End-to-end analysis of real page loads recorded by browsers (the pagexray HAR files of nytimes.com
 * and expressen.se: 935 requests, third-party trackers and all), searched for 1,000 generated
 * canaries, with and without the canary automaton's build. The exchanges are read once into memory.
 * MB/s = the {@code NAME:bytes} rate JMH prints / 10^6, where bytes are URL, header and body bytes.
 * Run from the repository root (the HAR files are read from the formats module's test resources).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RealPageLoadsBenchmark {
    /** The HAR files, comma-separated, relative to the repository root. */
    @Param(PageLoads.PAGEXRAY)
    public String hars;

    /** Canaries searched for. */
    @Param("1000")
    public int canaries;

    private CanaryFile canaryFile;
    private MemorySource source;
    private long payloadBytes;
    private Analysis prepared;

    @Setup(Level.Trial)
    public void read() throws IOException, CaptureException {
        List<Exchange> exchanges = PageLoads.read(hars);
        canaryFile = LeakCorpus.generate(7, 1, canaries).canaries();
        source = new MemorySource("pagexray", exchanges);
        payloadBytes = exchanges.stream().mapToLong(AnalysisThroughputBenchmark::requestBytes).sum();
        System.out.printf("%n[pages] %d exchanges, %d request payload bytes per operation%n", exchanges.size(),
                payloadBytes);
    }

    /** A fresh analysis per operation, the automaton built beforehand: what each further capture costs. */
    @Setup(Level.Invocation)
    public void prepare() {
        prepared = Analysis.withBuiltIns(canaryFile, DestinationResolver.NONE);
    }

    /** Analysis of every request, the canary automaton already built. */
    @Benchmark
    public AnalysisResult analyse(PayloadBytes counter) {
        AnalysisResult result = prepared.run(List.of(source));
        counter.bytes += payloadBytes;
        return result;
    }
}
