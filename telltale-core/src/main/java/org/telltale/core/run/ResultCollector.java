package org.telltale.core.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.telltale.api.AnalysisResult;
import org.telltale.api.AnalysisSink;
import org.telltale.api.CanaryFile;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;

/**
 * Keeps a run's output in memory as one {@link AnalysisResult}, for renderers that need all of it at
 * once (the text report) and for tests. Flows are kept only when asked: the text report needs only
 * their number, so a capture of millions of exchanges does not fill the heap with them.
 */
public final class ResultCollector implements AnalysisSink {
    private final CanaryFile canaries;
    private final boolean keepFlows;
    private final java.util.function.BiConsumer<AnalysisResult, String> atEnd;
    private final List<String> inputs = new ArrayList<>();
    private final List<Flow> flows = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Set<ExpectedMatch> expected = new LinkedHashSet<>();
    private final List<OpaqueFlow> opaque = new ArrayList<>();
    private final List<TlsKeyLog> keyLogs = new ArrayList<>();
    private List<Diagnostic> diagnostics = List.of();
    private int flowCount;

    public ResultCollector(CanaryFile canaries, boolean keepFlows) {
        this(canaries, keepFlows, (result, stopped) -> { });
    }

    /**
     * @param atEnd given the whole result and why the run stopped early (or null) when the run ends,
     *              also when it ends early: a renderer that needs everything writes there
     */
    public ResultCollector(CanaryFile canaries, boolean keepFlows,
                           java.util.function.BiConsumer<AnalysisResult, String> atEnd) {
        this.canaries = canaries;
        this.keepFlows = keepFlows;
        this.atEnd = atEnd;
    }

    @Override
    public void begin(List<String> names) {
        inputs.addAll(names);
    }

    @Override
    public void exchange(ExchangeAnalysis a) {
        flowCount++;
        if (keepFlows) {
            flows.add(a.flow());
        }
        findings.addAll(a.findings());
        expected.addAll(a.expected());
    }

    @Override
    public void learned(Flow flow, List<Finding> more) {
        findings.addAll(more);
    }

    @Override
    public void opaque(OpaqueFlow flow) {
        opaque.add(flow);
    }

    @Override
    public void tlsKeyLog(TlsKeyLog log) {
        keyLogs.add(log);
    }

    @Override
    public void end(List<Diagnostic> all, String stopped) {
        diagnostics = all;
        atEnd.accept(result(), stopped);
    }

    /** Everything collected. */
    public AnalysisResult result() {
        return new AnalysisResult(inputs, canaries, flows, findings, List.copyOf(expected), opaque, diagnostics,
                keyLogs, flowCount);
    }
}
