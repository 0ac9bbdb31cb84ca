package org.telltale.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.telltale.api.Attribution;
import org.telltale.attribute.BundledResolver;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The bundled attribution data: how long opening takes (single shot, a new resolver each time, so
 * nothing is shared but what the JVM keeps: loaded classes and compiled code), and lookups per second
 * on one thread once everything is read. For the time from JVM start to the first answer see
 * {@code bench/first-lookup.sh}.
 */
public class ResolverBenchmark {
    private static final int INPUTS = 1 << 14;

    /** A resolver with every part of the data read, and the inputs to cycle through. */
    @State(Scope.Thread)
    public static class Opened {
        BundledResolver resolver;
        String[] ipv4;
        String[] ipv6;
        String[] pageHosts;
        String[] distinctHosts;
        int next;

        @Setup(Level.Trial)
        public void open() throws IOException {
            resolver = BundledResolver.open().verify();
            Random random = new Random(2026);
            ipv4 = LookupInputs.ipv4(random, INPUTS);
            ipv6 = LookupInputs.ipv6(random, INPUTS);
            pageHosts = LookupInputs.pageHosts();
            distinctHosts = LookupInputs.distinctHosts(random, 1 << 16);
        }

        int next(int length) {
            int i = next++ & Integer.MAX_VALUE;
            return i % length;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public BundledResolver open() throws IOException {
        return BundledResolver.open();
    }

    /** Opening plus the first IPv4 answer, which reads the ASN and country IPv4 ranges. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Attribution openAndFirstIpv4() throws IOException {
        return BundledResolver.open().resolve(null, "8.8.8.8");
    }

    /** Opening plus the first host answer, which reads the domain lists and Guava's public suffixes. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Attribution openAndFirstHost() throws IOException {
        return BundledResolver.open().resolve("graph.facebook.com", null);
    }

    /** Opening and reading everything, as {@code telltale data update} checks a new data directory. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public BundledResolver openAndVerify() throws IOException {
        return BundledResolver.open().verify();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Attribution ipv4(Opened state) {
        return state.resolver.resolve(null, state.ipv4[state.next(INPUTS)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Attribution ipv6(Opened state) {
        return state.resolver.resolve(null, state.ipv6[state.next(INPUTS)]);
    }

    /** The hosts of real page loads in request order: few distinct names, as in real captures. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Attribution pageHost(Opened state) {
        return state.resolver.resolve(state.pageHosts[state.next(state.pageHosts.length)], null);
    }

    /** A page host with a server IPv4 address, as the analysis asks for each flow. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Attribution pageHostWithIpv4(Opened state) {
        int i = state.next(INPUTS);
        return state.resolver.resolve(state.pageHosts[i % state.pageHosts.length], state.ipv4[i]);
    }

    /** The worst case: every name new (65,536 names cycled, more than the cache holds). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Attribution distinctHost(Opened state) {
        return state.resolver.resolve(state.distinctHosts[state.next(state.distinctHosts.length)], null);
    }
}
