package org.telltale.api;

import java.util.List;

/**
 * Receives an analysis as it is made, one exchange at a time and in input order: JSON lines, the
 * case file, reports. Called from one thread at a time.
 */
public interface AnalysisSink {
    /** Before anything else: the inputs, in the order given. */
    default void begin(List<String> inputs) {
    }

    /** One exchange's analysis, its destinations attributed. */
    void exchange(ExchangeAnalysis analysis);

    /**
     * Findings a later pass over the same inputs made in a flow already delivered: a value the run
     * learned from other requests (the hash of an identifier seen plain elsewhere, an ID that reached
     * several organisations) found in this one; each says where the value was first seen. Called after
     * the exchanges and opaque connections, in flow order, before {@link #end}. Sinks that show or keep
     * results take them as findings of that flow; sinks that only watch may ignore them.
     */
    default void learned(Flow flow, List<Finding> findings) {
    }

    /** A connection that could not be read. */
    void opaque(OpaqueFlow flow);

    /** TLS secrets a capture carried. */
    default void tlsKeyLog(TlsKeyLog log) {
    }

    /**
     * After everything, also when the run was cut short: the diagnostics, aggregated and capped.
     *
     * @param stopped why the run stopped early ("out of memory", "interrupted"), or null when it finished
     */
    default void end(List<Diagnostic> diagnostics, String stopped) {
    }
}
