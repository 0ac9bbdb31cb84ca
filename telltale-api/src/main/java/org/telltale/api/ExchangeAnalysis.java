package org.telltale.api;

import java.util.List;

/**
 * What the engine made of one exchange: the engine's whole output for it, ready for sinks.
 *
 * @param flow        the exchange as listed
 * @param findings    personal data that left for somewhere it was not expected to go; as the engine returns them
 *                    their destinations are not attributed, as sinks receive them they are
 * @param expected    canaries that went where they were allowed
 * @param diagnostics problems met while decoding it (a decoder that failed, a limit reached)
 */
public record ExchangeAnalysis(Flow flow, List<Finding> findings, List<ExpectedMatch> expected,
                               List<Diagnostic> diagnostics) {
    public ExchangeAnalysis {
        findings = List.copyOf(findings);
        expected = List.copyOf(expected);
        diagnostics = List.copyOf(diagnostics);
    }
}
