package org.telltale.core.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.telltale.api.AnalysisSink;
import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.Exchange;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.FlowKey;

/**
 * The run loop: reads the inputs in order on the calling thread, analyses exchanges on a pool of
 * threads, and hands each result to the sink in input order from one emitting thread, attributed on
 * the way. At most {@link #WINDOW} observations are in flight, so memory does not grow with the
 * capture. A failure of the sink (any Throwable), an out-of-memory error or {@link #stop} stops the
 * reading; the sink still gets {@link AnalysisSink#end}, exactly once, with what was found and why the
 * run stopped.
 */
public final class AnalysisRun {
    /** Observations read ahead of the one being emitted. */
    static final int WINDOW = 64;

    /** The engine for the next observation read: one for a run of captures, rebuilt while recording when a session is marked. */
    private final Supplier<Engine> engines;
    private final Attributor attributor;
    private final int threads;
    private final DiagnosticLog diagnostics = new DiagnosticLog();
    private final AtomicReference<String> stopped = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch done = new CountDownLatch(1);
    /** The thread reading the inputs, interrupted by {@link #stop}. */
    private volatile Thread reader;
    /** Counted down when the reader has stopped and let go of what it held. */
    private final CountDownLatch readerDone = new CountDownLatch(1);
    /** How long a retry after running out of memory waits for the reader (which may be blocked on a full window). */
    private static final long RETRY_WAIT_MILLIS = 2000;
    private int flows;
    private long findings;

    /** @param threads how many exchanges are analysed at once (the machine's cores, usually) */
    public AnalysisRun(Engine engine, Attributor attributor, int threads) {
        this(() -> engine, attributor, threads);
    }

    /**
     * A run whose engine may change between observations (a recording, when a session window is
     * marked); asked on the reading thread as each observation is read, so the change falls exactly
     * between two of them.
     */
    public AnalysisRun(Supplier<Engine> engines, Attributor attributor, int threads) {
        this.engines = engines;
        this.attributor = attributor;
        this.threads = Math.max(1, threads);
    }

    /**
     * What a run did.
     *
     * @param flows       exchanges read (some may not have reached the sink when the run stopped early)
     * @param findings    findings reported
     * @param badInput    whether some input could not be read to its end
     * @param stopped     why the run stopped early, or null
     * @param failure     what stopped it, when it was an error (an out-of-memory error, a failing sink)
     */
    public record Outcome(int flows, long findings, boolean badInput, String stopped, Throwable failure) {
    }

    /** Reads every input in order into the sink; a bad input never stops the others. */
    public Outcome run(List<? extends CaptureSource> inputs, AnalysisSink sink) {
        List<String> names = new ArrayList<>();
        for (CaptureSource in : inputs) {
            names.add(in.name());
        }
        reader = Thread.currentThread();
        BlockingQueue<Future<Consumer<AnalysisSink>>> window = new ArrayBlockingQueue<>(WINDOW);
        ExecutorService pool = Executors.newFixedThreadPool(threads, new Daemons("telltale-analysis"));
        Thread emitter = new Daemons("telltale-emit").newThread(() -> emit(window, sink));
        try {
            sink.begin(names);
            emitter.start();
            for (CaptureSource in : inputs) {
                if (stopped.get() != null) {
                    break;
                }
                read(in, window, pool);
            }
        } catch (Stop s) {
            // stopped.get() says why
        } catch (Throwable e) {
            fail(e); // in a reader: the heap, or a bug of ours; what was read so far is still emitted
        } finally {
            // A stop may have interrupted this thread (to wake a reader blocked in I/O): the end of the
            // run must not be interrupted in turn.
            boolean interrupted = Thread.interrupted();
            readerDone.countDown();
            putEnd(window, emitter);
            pool.shutdownNow();
            try {
                sink.end(diagnostics.all(), stopped.get());
            } catch (Throwable e) {
                fail(e);
            } finally {
                done.countDown();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return new Outcome(flows, findings, diagnostics.hadFatal(), stopped.get(), failure.get());
    }

    /**
     * Asks a running run to stop reading (Ctrl-C); what was read is still emitted and the sink ended.
     * The reader is interrupted too, so one waiting on a file (hashing a large capture, crossing a long
     * stretch with nothing to emit) stops at once. Waits up to the given time for the end.
     */
    public boolean stop(String why, long millis) throws InterruptedException {
        stopped.compareAndSet(null, why);
        Thread r = reader;
        if (r != null && done.getCount() > 0) {
            r.interrupt();
        }
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Hands the emitter its end marker, whatever the state of this thread and of the window. */
    private static void putEnd(BlockingQueue<Future<Consumer<AnalysisSink>>> window, Thread emitter) {
        Future<Consumer<AnalysisSink>> end = CompletableFuture.completedFuture(null);
        boolean interrupted = false;
        while (true) {
            try {
                if (window.offer(end, 100, TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (!emitter.isAlive()) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (emitter.isAlive()) {
            try {
                emitter.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(CaptureSource in, BlockingQueue<Future<Consumer<AnalysisSink>>> window, ExecutorService pool) {
        String name = in.name();
        try {
            String sha = in.sha256();
            String capture = sha != null ? sha : name;
            in.read(new CaptureSink() {
                @Override
                public void observe(Observation o) {
                    if (stopped.get() != null) {
                        throw new Stop();
                    }
                    Engine engine = engines.get();
                    if (o instanceof Exchange e) {
                        FlowKey key = new FlowKey(flows++, FlowKey.id(capture, e.origin()), name);
                        put(window, pool.submit(() -> analyse(engine, key, e)));
                    } else if (o instanceof OpaqueConnection c) {
                        OpaqueFlow flow = opaque(engine, name, c);
                        Consumer<AnalysisSink> raw = raw(engine, capture, name, c);
                        if (raw != null) {
                            put(window, CompletableFuture.completedFuture(raw.andThen(s -> s.opaque(flow))));
                        } else if (!c.protocol().equals("udp")) {
                            // a UDP flow is listed only when it carried a canary: most are multicast
                            // announcements and time queries, not whom the device talked to
                            put(window, CompletableFuture.completedFuture(s -> s.opaque(flow)));
                        }
                    }
                }

                @Override
                public void diagnostic(String origin, String message) {
                    diagnostics.add(new Diagnostic(null, name, origin, message, false));
                }

                @Override
                public void tlsSecrets(String keyLog) {
                    TlsKeyLog log = new TlsKeyLog(name, keyLog);
                    put(window, CompletableFuture.completedFuture(s -> s.tlsKeyLog(log)));
                }
            });
        } catch (CaptureException e) {
            diagnostics.add(new Diagnostic(null, name, e.place(), e.getMessage(), true));
        } catch (IOException e) {
            if (stopped.get() == null) { // else the stop interrupted the reading, which says nothing of the file
                diagnostics.add(new Diagnostic(null, name, null, "cannot be read: " + e.getMessage(), true));
            }
        }
    }

    /**
     * One exchange on a pool thread. When the heap runs out under it (usually because the reader is
     * holding something huge), the run stops reading and the exchange is analysed again in its turn,
     * after the reader has let go or two seconds at most, so what was read before the trouble is
     * still analysed when the heap allows.
     */
    private Consumer<AnalysisSink> analyse(Engine engine, FlowKey key, Exchange e) {
        try {
            return deliver(engine.analyze(key, e));
        } catch (OutOfMemoryError oom) {
            fail(oom);
            return sink -> {
                awaitReader();
                try {
                    deliver(engine.analyze(key, e)).accept(sink);
                } catch (OutOfMemoryError again) {
                    // given up: this one exchange is lost, and the run already says why it stopped
                }
            };
        }
    }

    private void awaitReader() {
        try {
            readerDone.await(RETRY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Attribution, on a pool thread: the distinct destinations are few and their look-ups cached. */
    private Consumer<AnalysisSink> deliver(ExchangeAnalysis a) {
        List<Finding> attributed = new ArrayList<>(a.findings().size());
        for (Finding f : a.findings()) {
            attributed.add(f.withDestination(attributor.attribute(f.destination())));
        }
        ExchangeAnalysis done = new ExchangeAnalysis(a.flow(), attributed, a.expected(), List.of());
        List<Diagnostic> found = a.diagnostics();
        return sink -> {
            sink.exchange(done); // first, so a delivery handed over again is counted once
            found.forEach(diagnostics::add);
            findings += attributed.size();
        };
    }

    /**
     * The canaries searched in the raw bytes the connection kept, here on the reader's thread (a few
     * KiB, one matcher) so that a flow number is taken only when something was found: a capture
     * numbers its HTTP flows the same with or without a canary file. Null when nothing was found.
     */
    private Consumer<AnalysisSink> raw(Engine engine, String capture, String input, OpaqueConnection c) {
        ExchangeAnalysis a = engine.analyzeRaw(new FlowKey(flows, FlowKey.id(capture, c.origin()), input), c);
        if (a == null || a.findings().isEmpty() && a.expected().isEmpty()) {
            return null;
        }
        flows++;
        return deliver(a);
    }

    private OpaqueFlow opaque(Engine engine, String input, OpaqueConnection c) {
        String host = c.server().host() != null ? c.server().host() : c.sni();
        Destination d = attributor.attribute(new Destination(host, c.server().ip(), c.server().port(), null));
        return new OpaqueFlow(c, engine.sessionAt(c.time()), input, d);
    }

    /**
     * Delivers results in input order until the end marker. After a failure it keeps taking results
     * without delivering them, so the reader never waits on a full window for a consumer that is gone.
     */
    private void emit(BlockingQueue<Future<Consumer<AnalysisSink>>> window, AnalysisSink sink) {
        boolean failed = false;
        while (true) {
            try {
                Consumer<AnalysisSink> next = window.take().get();
                if (next == null) {
                    return;
                }
                if (!failed) {
                    deliverOnce(next, sink);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                failed = true;
                fail(e instanceof ExecutionException x ? x.getCause() : e);
            }
        }
    }

    /**
     * Hands one result to the sink. The heap running out here is, like in the analysis, most likely the
     * reader's doing: the run stops reading and the result is handed over again once the reader has
     * let go; only a second failure gives up on the sink.
     */
    private void deliverOnce(Consumer<AnalysisSink> next, AnalysisSink sink) {
        try {
            next.accept(sink);
        } catch (OutOfMemoryError oom) {
            fail(oom);
            awaitReader();
            next.accept(sink);
        }
    }

    /** Records what stopped the run; an analysis that threw for one exchange stops it too (a bug of ours). */
    private void fail(Throwable t) {
        failure.compareAndSet(null, t);
        stopped.compareAndSet(null, t instanceof OutOfMemoryError ? "out of memory"
                : t instanceof java.io.UncheckedIOException io ? "cannot write the output: " + io.getCause().getMessage()
                : "internal error: " + t);
    }

    private <T> void put(BlockingQueue<T> queue, T item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.compareAndSet(null, "interrupted");
            throw new Stop();
        }
    }

    /**
     * Unwinds a capture reader when the run stops. An Error, not a RuntimeException, because readers
     * turn runtime exceptions from one connection into diagnostics and read on.
     */
    private static final class Stop extends Error {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** Daemon threads with a name, so a stuck run never keeps the JVM alive. */
    private static final class Daemons implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger n = new AtomicInteger();

        Daemons(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
