package org.telltale.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
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
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureException;
import org.telltale.api.Exchange;
import org.telltale.api.TrackerHosts;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.FlowKey;
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
    private List<Exchange> exchanges;
    private long payloadBytes;
    private Engine engine;

    @Setup(Level.Trial)
    public void read() throws IOException, CaptureException {
        exchanges = PageLoads.read(hars);
        canaryFile = LeakCorpus.generate(7, 1, canaries).canaries();
        payloadBytes = exchanges.stream().mapToLong(AnalysisThroughputBenchmark::requestBytes).sum();
        System.out.printf("%n[pages] %d exchanges, %d request payload bytes per operation%n", exchanges.size(),
                payloadBytes);
        // Built once per trial, automaton included: the benchmark is what each further exchange costs.
        engine = Engine.build(EngineSpec.allComponents(canaryFile, Map.of()), TrackerHosts.NONE);
    }


    /** Analysis of every request on this one thread: the engine's throughput per core. */
    @Benchmark
    public long analyse(PayloadBytes counter) {
        long found = 0;
        int index = 0;
        for (Exchange e : exchanges) {
            found += engine.analyze(new FlowKey(index, "bench/" + index, "pagexray"), e).findings().size();
            index++;
        }
        counter.bytes += payloadBytes;
        return found;
    }
}
