package org.telltale.api;

import java.util.List;

/**
 * Everything one analysis found, ready to render.
 *
 * @param inputs      the input files in the order given
 * @param canaries    what the user planted and the sessions they marked
 * @param flows       every exchange read, by index
 * @param findings    personal data that left for somewhere it was not expected to go
 * @param expected    canaries that went only where they were allowed
 * @param opaque      connections that could not be read
 * @param diagnostics problems met
 * @param tlsKeyLogs  TLS secrets the captures carried, for decrypting them later
 * @param flowCount   how many exchanges were analysed (flows may list fewer when a renderer needs only the count)
 */
public record AnalysisResult(List<String> inputs, CanaryFile canaries, List<Flow> flows, List<Finding> findings,
                             List<ExpectedMatch> expected, List<OpaqueFlow> opaque, List<Diagnostic> diagnostics,
                             List<TlsKeyLog> tlsKeyLogs, int flowCount) {
    /** A result that lists every flow. */
    public AnalysisResult(List<String> inputs, CanaryFile canaries, List<Flow> flows, List<Finding> findings,
                          List<ExpectedMatch> expected, List<OpaqueFlow> opaque, List<Diagnostic> diagnostics,
                          List<TlsKeyLog> tlsKeyLogs) {
        this(inputs, canaries, flows, findings, expected, opaque, diagnostics, tlsKeyLogs, flows.size());
    }

    public AnalysisResult {
        inputs = List.copyOf(inputs);
        flows = List.copyOf(flows);
        findings = List.copyOf(findings);
        expected = List.copyOf(expected);
        opaque = List.copyOf(opaque);
        diagnostics = List.copyOf(diagnostics);
        tlsKeyLogs = List.copyOf(tlsKeyLogs);
    }

    /** True when some input could not be read to its end. */
    public boolean hadBadInput() {
        return diagnostics.stream().anyMatch(Diagnostic::fatal);
    }
}
