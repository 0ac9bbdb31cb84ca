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
import org.telltale.api.Canary;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.core.detect.ByteAutomaton;
import org.telltale.core.detect.CanaryMatcher;
import org.telltale.core.detect.CanaryVariants;
import org.telltale.testkit.corpus.LeakCorpus;
import org.telltale.core.detect.NodeView;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The canary search on its own: the byte automaton of every variant of a thousand canaries (as
 * {@link CanaryMatcher} builds it) scanning 16 MiB of seeded random bytes, and the whole matcher on the
 * same bytes as one payload. MB/s = the {@code bytes} rate JMH prints (bytes/s) / 10^6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AutomatonBenchmark {
    /** Canaries whose variants make the patterns. */
    @Param("1000")
    public int canaries;
    /** Bytes scanned per operation. */
    @Param("16777216")
    public int size;

    private ByteAutomaton automaton;
    private CanaryMatcher matcher;
    private byte[] data;
    private Payload payload;

    @Setup(Level.Trial)
    public void build() {
        List<Canary> planted = LeakCorpus.generate(7, 1, canaries).canaries().canaries();
        ByteAutomaton.Builder builder = ByteAutomaton.builder();
        for (Canary canary : planted) {
            for (CanaryVariants.Variant variant : CanaryVariants.of(canary)) {
                byte[] text = variant.text().getBytes(StandardCharsets.UTF_8);
                if (text.length <= ByteAutomaton.MAX_PATTERN_LENGTH) {
                    builder.add(text);
                }
            }
        }
        automaton = builder.build();
        matcher = new CanaryMatcher(planted);
        data = new byte[size];
        new Random(2026).nextBytes(data);
        payload = Payload.root("request.body", data, null, null);
        System.out.printf("%n[automaton] %d canaries, %d patterns, %d states, about %d KiB%n", planted.size(),
                automaton.patternCount(), automaton.stateCount(), automaton.approximateBytes() / 1024);
    }

    /** Scans the bytes and counts raw matches. */
    @Benchmark
    public int scan(PayloadBytes counter) {
        int[] matches = {0};
        automaton.scan(data, (pattern, end) -> {
            matches[0]++;
            return true;
        });
        counter.bytes += data.length;
        return matches[0];
    }

    /** The matcher's whole work on one payload: scan, boundary checks, best match per place. */
    @Benchmark
    public List<Detection> detect(PayloadBytes counter) {
        List<Detection> detections = matcher.detect(NodeView.of(payload, true, "bench.example", null));
        counter.bytes += data.length;
        return detections;
    }
}
