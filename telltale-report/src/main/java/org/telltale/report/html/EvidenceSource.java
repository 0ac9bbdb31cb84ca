package org.telltale.report.html;

import org.telltale.api.Finding;

/** Rebuilds the evidence of a finding; a case does it from its stored exchanges. */
@FunctionalInterface
public interface EvidenceSource {
    /** No exchanges at hand: findings are shown with their paths only. */
    EvidenceSource NONE = f -> Evidence.missing(null, "the exchange is not at hand");

    /** The evidence of one finding; never null, and never throws for a finding it cannot rebuild. */
    Evidence of(Finding finding);
}
