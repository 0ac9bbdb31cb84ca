package org.telltale.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.Exchange;
import org.telltale.api.Finding;
import org.telltale.api.HttpRequest;
import org.telltale.api.OpaqueConnection;
import org.telltale.core.EngineSpec;
import org.telltale.core.FlowKey;
import org.telltale.core.Replay;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.core.run.ResultCollector;
import org.telltale.report.html.Evidence;
import org.telltale.report.html.EvidenceSource;
import org.telltale.report.html.Provenance;
import org.telltale.report.html.ReportData;
import org.telltale.report.html.Timeline;
import org.telltale.store.CanarySets.StoredCanaries;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.StoredCapture;
import org.telltale.store.StoredRun;

/**
 * A case's latest finished run as report data: the run played back from the store, every
 * exchange's time for the timeline, the captures and datasets for provenance, and evidence rebuilt
 * on demand by replaying each finding's steps over its stored exchange. The case stays open while
 * the data is used; evidence is read one finding at a time, so a large case is never loaded whole.
 */
public final class CaseReport {
    private CaseReport() {
    }

    /**
     * Reads the report data of a case.
     *
     * @param toolVersion the version of the Telltale writing the report
     * @throws CaseFileException when the case has no finished run or cannot be read
     */
    public static ReportData load(CaseFile c, String toolVersion) throws CaseFileException {
        StoredRun run = c.runs().latest();
        if (run == null) {
            throw new CaseFileException(c.file() + ": the case has no finished analysis yet; run telltale analyze "
                    + c.file().getFileName() + " first");
        }
        return load(c, run, toolVersion);
    }

    /**
     * The report data of the newest run, still running or not: what a recording has analysed so far
     * (telltale record --ui), or null when the case has no run yet.
     */
    public static ReportData loadNewest(CaseFile c, String toolVersion) throws CaseFileException {
        StoredRun run = c.runs().newest();
        return run == null ? null : load(c, run, toolVersion);
    }

    private static ReportData load(CaseFile c, StoredRun run, String toolVersion) throws CaseFileException {
        CanaryFile canaries = canaries(c, run).withSessions(c.markedSessions().list());
        ResultCollector collector = new ResultCollector(canaries, true);
        c.runs().replay(run, collector);
        AnalysisResult replayed = collector.result();
        // A run stores only the flows with something to show, but counts every exchange it analysed: the
        // report says how many requests were read, not how many were stored.
        AnalysisResult result = new AnalysisResult(replayed.inputs(), replayed.canaries(), replayed.flows(),
                replayed.findings(), replayed.expected(), replayed.opaque(), replayed.diagnostics(),
                replayed.tlsKeyLogs(), (int) Math.max(run.exchanges(), replayed.flowCount()));
        Set<String> withFindings = new HashSet<>();
        for (Finding f : result.findings()) {
            withFindings.add(f.flowId());
        }
        Timeline.Builder timeline = new Timeline.Builder();
        Map<String, Instant[]> spans = new HashMap<>();
        c.captures().times((flowId, time) -> {
            timeline.add(time, withFindings.contains(flowId));
            if (time != null) {
                Instant[] span = spans.computeIfAbsent(FlowKey.captureSha256(flowId), k -> new Instant[] {time, time});
                span[0] = time.isBefore(span[0]) ? time : span[0];
                span[1] = time.isAfter(span[1]) ? time : span[1];
            }
        });
        List<Provenance.Capture> captures = new ArrayList<>();
        for (StoredCapture k : c.captures().list()) {
            Instant[] span = spans.get(k.sha256());
            captures.add(new Provenance.Capture(k.name(), k.sha256(), k.size(), k.format(), k.importedAt(), k.exchanges(),
                    span == null ? null : span[0].toString(), span == null ? null : span[1].toString(),
                    k.error() == null ? null : k.errorPlace() + ": " + k.error()));
        }
        Provenance provenance = new Provenance(toolVersion, Instant.now().toString(), run.startedAt(), run.endedAt(),
                run.stopped(), run.canaryName(), run.canarySha256(), run.datasets(), captures);
        EngineSpec spec = EngineSpec.allComponents(canaries, run.datasets());
        return new ReportData(c.file().getFileName().toString(), provenance, result, timeline.build(),
                new StoredEvidence(c, new Replay(spec)), c.codeScans().summaries());
    }

    private static CanaryFile canaries(CaseFile c, StoredRun run) throws CaseFileException {
        if (run.canarySha256() == null) {
            return CanaryFile.EMPTY;
        }
        StoredCanaries stored = c.canarySets().bySha256(run.canarySha256());
        if (stored == null) {
            return CanaryFile.EMPTY;
        }
        try {
            return CanaryFiles.parse(stored.content(), c.file() + " (stored " + stored.name() + ")");
        } catch (CanaryFileException e) {
            throw new CaseFileException(e.getMessage(), e);
        }
    }

    /** Evidence read from the case; one finding at a time, the case's connection used by one thread at a time. */
    private static final class StoredEvidence implements EvidenceSource {
        private final CaseFile c;
        private final Replay replay;

        StoredEvidence(CaseFile c, Replay replay) {
            this.c = c;
            this.replay = replay;
        }

        @Override
        public Evidence of(Finding f) {
            Exchange exchange;
            try {
                // one connection, shared with whatever else reads the case (a live view's reloads)
                synchronized (c) {
                    exchange = c.captures().exchange(f.flowId());
                }
            } catch (CaseFileException e) {
                return Evidence.missing(null, e.getMessage());
            }
            if (exchange == null) {
                return raw(f);
            }
            HttpRequest q = exchange.request();
            Evidence.Request request = new Evidence.Request(q.method(), q.url(), q.httpVersion(), q.headers(), q.body());
            try {
                List<Evidence.Layer> layers = new ArrayList<>();
                for (Replay.Layer l : replay.layers(exchange, f.location(), f.steps())) {
                    layers.add(layer(f, l));
                }
                return new Evidence(request, layers, null);
            } catch (Replay.ReplayException e) {
                return Evidence.missing(request, e.getMessage());
            }
        }

        /** A finding in the raw bytes of a connection no parser read: the bytes are the one layer. */
        private Evidence raw(Finding f) {
            OpaqueConnection o;
            try {
                synchronized (c) {
                    o = c.captures().opaque(f.flowId());
                }
            } catch (CaseFileException e) {
                return Evidence.missing(null, e.getMessage());
            }
            if (o == null) {
                return Evidence.missing(null, "the case holds no exchange " + f.flowId());
            }
            try {
                List<Evidence.Layer> layers = new ArrayList<>();
                for (Replay.Layer l : replay.layers(o, f.location(), f.steps())) {
                    layers.add(layer(f, l));
                }
                return new Evidence(null, layers, null);
            } catch (Replay.ReplayException e) {
                return Evidence.missing(null, e.getMessage());
            }
        }

        private static Evidence.Layer layer(Finding f, Replay.Layer l) {
            return l.step() == null
                    ? new Evidence.Layer(null, f.location().text(), -1, -1, l.node().data())
                    : new Evidence.Layer(l.step().decoder(), l.step().label(), l.step().start(), l.step().end(),
                    l.node().data());
        }
    }
}
