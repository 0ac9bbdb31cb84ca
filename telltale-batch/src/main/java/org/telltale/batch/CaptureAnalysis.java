package org.telltale.batch;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.DestinationResolver;
import org.telltale.core.Engine;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;

/**
 * One capture in, rows out: the whole of what {@code telltale batch} and the Spark job do per capture,
 * so both give the same rows. The capture goes through the same run loop as {@code telltale analyze}
 * (one analysis thread: a batch gets its parallelism from many captures), with attribution left out:
 * a batch attributes each distinct destination once, after all captures, and joins it back. A capture
 * that cannot be read, or is damaged part-way, keeps the rows it gave and gets an error row; it never
 * throws.
 */
public final class CaptureAnalysis {
    private CaptureAnalysis() {
    }

    /**
     * One capture to analyse: small and serialisable, it is what a cluster hands its executors.
     *
     * @param input      the capture as the user gave it (a path or a URI)
     * @param capture    its file name, the {@code capture} column
     * @param size       its size in bytes
     * @param canaries   the canary file beside it that applies, or null when the run's own applies
     * @param specDigest the digest of the engine specification that applies ({@link SpecDigest})
     */
    public record Task(String input, String capture, long size, String canaries, String specDigest)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What one capture gave. Findings are not attributed yet: their attribution columns are null.
     *
     * @param sha256   the capture's SHA-256
     * @param capture  its row of {@link Tables#CAPTURES}
     * @param flows    rows of {@link Tables#FLOWS}
     * @param findings rows of {@link Tables#FINDINGS}, attribution columns null
     * @param errors   rows of {@link Tables#ERRORS}
     */
    public record Rows(String sha256, Object[] capture, List<Object[]> flows, List<Object[]> findings,
                       List<Object[]> errors) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Analyses one capture.
     *
     * @param file   the capture's bytes in a local file
     * @param sha256 their SHA-256, lower-case hex
     */
    public static Rows analyse(Engine engine, Task task, Path file, String sha256) {
        LocalCapture source = new LocalCapture(task.input(), file, sha256);
        RowSink sink = new RowSink(task, sha256);
        AnalysisRun.Outcome outcome = new AnalysisRun(engine, new Attributor(DestinationResolver.NONE), 1)
                .run(List.of(source), sink);
        if (outcome.failure() != null && !sink.stopped) {
            sink.error(null, null, "stopped: " + outcome.stopped(), true, 1);
        }
        Object[] capture = captureRow(task, sha256, source.format(), sink.flows.size(), sink.findings.size(),
                sink.opaque, sink.errors.size(), sink.fatal);
        return new Rows(sha256, capture, sink.flows, sink.findings, sink.errors);
    }

    /** A capture whose bytes could not even be fetched: its captures row and one error row. */
    public static Rows unreadable(Task task, String message) {
        RowSink sink = new RowSink(task, null);
        sink.error(null, null, message, true, 1);
        return new Rows(null, captureRow(task, null, null, 0, 0, 0, 1, true), List.of(), List.of(), sink.errors);
    }

    private static Object[] captureRow(Task task, String sha256, String format, int flows, int findings, int opaque,
                                       int errors, boolean fatal) {
        return new Object[] {task.capture(), task.input(), sha256, format, task.size(), task.canaries(), task.specDigest(),
            flows, findings, opaque, errors, fatal};
    }

    /** Turns the run loop's output into rows, in the order the run emits it. */
    private static final class RowSink implements AnalysisSink {
        private final Task task;
        private final String sha256;
        final List<Object[]> flows = new ArrayList<>();
        final List<Object[]> findings = new ArrayList<>();
        final List<Object[]> errors = new ArrayList<>();
        int opaque;
        boolean fatal;
        boolean stopped;

        RowSink(Task task, String sha256) {
            this.task = task;
            this.sha256 = sha256;
        }

        @Override
        public void exchange(ExchangeAnalysis a) {
            Flow f = a.flow();
            flows.add(new Object[] {task.capture(), sha256, f.index(), f.id(), f.time(), f.method(), f.url(), f.host(),
                f.serverIp(), f.serverPort(), f.session(), f.input(), f.origin(), f.app(), f.incomplete(),
                f.analysisIncomplete(), a.findings().size()});
            for (Finding x : a.findings()) {
                Object[] row = new Object[Tables.FINDINGS.columns().size()];
                Object[] own = {task.capture(), sha256, x.flow(), x.flowId(), x.canary(), x.kind(), x.value(),
                    x.matched(), x.location().text(), x.location().index(), x.path(), x.steps(), x.start(), x.end(),
                    x.provenance(), x.transform(), x.confidence().name().toLowerCase(Locale.ROOT), x.session(), f.app(),
                    x.destination().host(), x.destination().ip(), x.destination().port()};
                System.arraycopy(own, 0, row, 0, own.length);
                findings.add(row);
            }
        }

        @Override
        public void opaque(OpaqueFlow flow) {
            opaque++;
        }

        @Override
        public void end(List<Diagnostic> diagnostics, String why) {
            for (Diagnostic d : diagnostics) {
                error(d.flow(), d.origin(), d.message(), d.fatal(), d.count());
            }
            if (why != null) {
                stopped = true;
                error(null, null, "stopped: " + why, true, 1);
            }
        }

        void error(Integer flow, String origin, String message, boolean isFatal, long count) {
            fatal |= isFatal;
            errors.add(new Object[] {task.capture(), task.input(), sha256, flow, origin, message, isFatal, count});
        }
    }
}
