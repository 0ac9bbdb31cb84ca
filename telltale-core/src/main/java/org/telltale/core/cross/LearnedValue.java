package org.telltale.core.cross;

import java.io.Serializable;
import java.util.List;

import org.telltale.api.CanaryType;
import org.telltale.api.Confidence;
import org.telltale.api.FirstSeen;
import org.telltale.core.detect.CanaryMatcher;
import org.telltale.core.detect.CanaryVariants;

/**
 * A value the first pass of a run learned, looked for in every request of the second: an identifier
 * found with high confidence (its hashes and encodings), or an ID that reached several organisations.
 * Part of the engine's specification, so an engine built from it elsewhere finds the same.
 *
 * @param kind      the kind its findings report: the identifier's kind, or {@link #SHARED_ID}
 * @param value     the value as first seen
 * @param firstSeen where it was first seen
 */
public record LearnedValue(String kind, String value, FirstSeen firstSeen) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The kind of an ID that reached two or more organisations. */
    public static final String SHARED_ID = "shared_id";

    /** Whether this is an ID shared between organisations rather than a learned identifier. */
    public boolean shared() {
        return SHARED_ID.equals(kind);
    }

    /** What the matcher looks for: an identifier's spellings and hashes, a shared ID as sent. */
    public CanaryMatcher.Target target() {
        CanaryType type = shared() ? null : IdentifierKinds.spelledAs(kind);
        List<String> phoneForms = type == CanaryType.PHONE
                ? CanaryVariants.phoneDigitForms(new org.telltale.api.Canary("learned", type, value, List.of()))
                : List.of();
        return new CanaryMatcher.Target(null, kind, value, Confidence.HIGH,
                CanaryVariants.learned(type, value, !shared()), phoneForms);
    }
}
