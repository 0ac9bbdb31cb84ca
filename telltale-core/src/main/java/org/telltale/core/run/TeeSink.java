package org.telltale.core.run;

import java.util.List;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;

/** Hands everything to several sinks in turn (a report and the TLS secrets file, say). */
public final class TeeSink implements AnalysisSink {
    private final List<AnalysisSink> sinks;

    public TeeSink(List<AnalysisSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void begin(List<String> inputs) {
        sinks.forEach(s -> s.begin(inputs));
    }

    @Override
    public void exchange(ExchangeAnalysis analysis) {
        sinks.forEach(s -> s.exchange(analysis));
    }

    @Override
    public void learned(Flow flow, List<Finding> findings) {
        sinks.forEach(s -> s.learned(flow, findings));
    }

    @Override
    public void opaque(OpaqueFlow flow) {
        sinks.forEach(s -> s.opaque(flow));
    }

    @Override
    public void tlsKeyLog(TlsKeyLog log) {
        sinks.forEach(s -> s.tlsKeyLog(log));
    }

    @Override
    public void end(List<Diagnostic> diagnostics, String stopped) {
        RuntimeException first = null;
        for (AnalysisSink s : sinks) {
            try {
                s.end(diagnostics, stopped);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
