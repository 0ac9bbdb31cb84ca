package org.telltale.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.telltale.api.AnalysisSink;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Diagnostic;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.HttpRequest;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TrackerHosts;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;

class AnalysisRunTest {
    private static final int EXCHANGES = 2000;
    private final Engine engine = Engine.build(EngineSpec.allComponents(new CanaryFile(
            List.of(new Canary("mail", CanaryType.EMAIL, "jane.roe@mail.example", List.of())), List.of()), Map.of()),
            TrackerHosts.NONE);

    private static Exchange exchange(int i) {
        String body = "n=" + i + (i % 3 == 0 ? "&e=jane.roe%40mail.example" : "");
        return new Exchange(Instant.ofEpochSecond(1_600_000_000L + i), "entry " + i, Endpoint.UNKNOWN,
                new Endpoint("t.example", null, 443), new HttpRequest("POST", "https://t.example/c", "HTTP/1.1",
                        List.of(), body.getBytes(StandardCharsets.UTF_8)), null, List.of(), null, false);
    }

    /** Emits exchanges, and checks as it goes that results already reached the sink. */
    private static final class Source implements CaptureSource {
        final AtomicInteger emitted;

        Source(AtomicInteger emitted) {
            this.emitted = emitted;
        }

        @Override
        public String name() {
            return "generated";
        }

        @Override
        public String sha256() {
            return "abc";
        }

        @Override
        public void read(CaptureSink sink) throws CaptureException {
            for (int i = 0; i < EXCHANGES; i++) {
                emitted.incrementAndGet();
                sink.observe(exchange(i));
            }
            sink.diagnostic("entry " + EXCHANGES, "a repeated complaint");
            sink.diagnostic("entry " + (EXCHANGES + 1), "a repeated complaint");
            throw new CaptureException("entry " + (EXCHANGES + 2), "the file ends inside an entry");
        }
    }

    @Test
    void resultsStreamToTheSinkInInputOrderWhileTheCaptureIsStillBeingRead() {
        List<Integer> seen = new ArrayList<>();
        List<Integer> lagWhenSeen = new ArrayList<>();
        AtomicInteger read = new AtomicInteger();
        List<Diagnostic> ended = new ArrayList<>();
        Source source = new Source(read);
        AnalysisRun.Outcome outcome = new AnalysisRun(engine, new Attributor(DestinationResolver.NONE), 2)
                .run(List.of(source), new AnalysisSink() {
                    @Override
                    public void exchange(ExchangeAnalysis a) {
                        seen.add(a.flow().index());
                        lagWhenSeen.add(read.get() - a.flow().index());
                        assertThat(a.flow().id()).isEqualTo("abc/entry " + a.flow().index());
                        assertThat(a.findings()).hasSize(a.flow().index() % 3 == 0 ? 1 : 0);
                    }

                    @Override
                    public void opaque(OpaqueFlow flow) {
                    }

                    @Override
                    public void end(List<Diagnostic> diagnostics, String stopped) {
                        ended.addAll(diagnostics);
                    }
                });

        assertThat(seen).hasSize(EXCHANGES).isSorted();
        assertThat(lagWhenSeen).as("how far the reader was ahead of each result").allMatch(lag -> lag <= AnalysisRun.WINDOW + 2);
        assertThat(outcome.flows()).isEqualTo(EXCHANGES);
        assertThat(outcome.findings()).isEqualTo((EXCHANGES + 2) / 3);
        assertThat(outcome.badInput()).isTrue();
        assertThat(ended).extracting(Diagnostic::message, Diagnostic::count, Diagnostic::places).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a repeated complaint", 2L,
                        List.of("entry " + EXCHANGES, "entry " + (EXCHANGES + 1))),
                org.assertj.core.groups.Tuple.tuple("the file ends inside an entry", 1L, List.of("entry " + (EXCHANGES + 2))));
    }

    @Test
    void aFailingSinkStopsTheReadingAndTheSinkIsStillEnded() {
        AtomicInteger read = new AtomicInteger();
        List<String> stoppedWith = new ArrayList<>();
        AnalysisRun.Outcome outcome = new AnalysisRun(engine, new Attributor(DestinationResolver.NONE), 2)
                .run(List.of(new Source(read)), new AnalysisSink() {
                    @Override
                    public void exchange(ExchangeAnalysis a) {
                        if (a.flow().index() == 10) {
                            throw new IllegalStateException("disk full");
                        }
                    }

                    @Override
                    public void opaque(OpaqueFlow flow) {
                    }

                    @Override
                    public void end(List<Diagnostic> diagnostics, String stopped) {
                        stoppedWith.add(stopped);
                    }
                });

        assertThat(outcome.stopped()).contains("disk full");
        assertThat(outcome.flows()).isLessThan(EXCHANGES);
        assertThat(stoppedWith).singleElement().asString().contains("disk full");
    }

    @Test
    void diagnosticsAreAggregatedByMessageAndCappedInKinds() {
        DiagnosticLog log = new DiagnosticLog();
        for (int i = 0; i < 100_000; i++) {
            log.add(new Diagnostic(null, "big.pcap", "packet " + i, "TCP segment out of window", false));
        }
        for (int i = 0; i < DiagnosticLog.ENTRIES + 500; i++) {
            log.add(new Diagnostic(null, "big.pcap", "packet " + i, "odd thing number " + i, false));
        }
        log.add(new Diagnostic(null, "big.pcap", "byte 9", "the file ends inside a packet", true));

        List<Diagnostic> all = log.all();
        assertThat(all.get(0).count()).isEqualTo(100_000);
        assertThat(all.get(0).places()).containsExactly("packet 0", "packet 1", "packet 2", "packet 3", "packet 4");
        assertThat(all).hasSize(DiagnosticLog.ENTRIES + 2);
        assertThat(all).filteredOn(Diagnostic::fatal).singleElement().extracting(Diagnostic::origin).isEqualTo("byte 9");
        assertThat(all.get(all.size() - 1).message()).startsWith("501 more diagnostics");
        assertThat(log.hadFatal()).isTrue();
    }

    @Test
    void anErrorInTheSinkStopsTheRunWithoutHangingAndTheSinkIsStillEnded() {
        List<String> stoppedWith = new ArrayList<>();
        AnalysisRun.Outcome outcome = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(60), () -> new AnalysisRun(engine, new Attributor(DestinationResolver.NONE), 2)
                        .run(List.of(new Source(new AtomicInteger())), new AnalysisSink() {
                            @Override
                            public void exchange(ExchangeAnalysis a) {
                                if (a.flow().index() == 5) {
                                    throw new AssertionError("a sink that breaks its contract");
                                }
                            }

                            @Override
                            public void opaque(OpaqueFlow flow) {
                            }

                            @Override
                            public void end(List<Diagnostic> diagnostics, String stopped) {
                                stoppedWith.add(stopped);
                            }
                        }));

        assertThat(outcome.stopped()).contains("a sink that breaks its contract");
        assertThat(stoppedWith).singleElement().asString().contains("a sink that breaks its contract");
    }

    @Test
    void aStopInterruptsTheReaderAndTheRunEndsWithWhatWasRead() throws Exception {
        AtomicInteger read = new AtomicInteger();
        List<String> stoppedWith = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
        AnalysisRun run = new AnalysisRun(engine, new Attributor(DestinationResolver.NONE), 2);
        CaptureSource slow = new CaptureSource() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void read(CaptureSink sink) throws java.io.IOException {
                for (int i = 0; i < 10; i++) {
                    read.incrementAndGet();
                    sink.observe(exchange(i));
                }
                blocked.countDown();
                try {
                    Thread.sleep(60_000); // a reader waiting on a file that has nothing more for it
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
        };
        Thread runner = new Thread(() -> run.run(List.of(slow), new AnalysisSink() {
            @Override
            public void exchange(ExchangeAnalysis a) {
                seen.add(a.flow().index());
            }

            @Override
            public void opaque(OpaqueFlow flow) {
            }

            @Override
            public void end(List<Diagnostic> diagnostics, String stopped) {
                stoppedWith.add(stopped);
                assertThat(diagnostics).noneMatch(Diagnostic::fatal);
            }
        }));
        runner.start();
        blocked.await();

        assertThat(run.stop("interrupted", 30_000)).as("the run ended within the stop's wait").isTrue();
        runner.join(30_000);
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(stoppedWith).containsExactly("interrupted");
    }
}
