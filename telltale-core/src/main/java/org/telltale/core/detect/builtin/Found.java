package org.telltale.core.detect.builtin;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.core.detect.NodeText;

/** Builds the Detections of built-in detectors, which never carry a canary id. */
final class Found {
    /** The most detections one detector reports for one node, so a hostile node cannot flood a case. */
    static final int MAX_PER_NODE = 64;

    private Found() {
    }

    static Detection plain(String kind, String value, NodeText text, int start, int end, Confidence confidence) {
        return of(kind, value, text, start, end, "plain", confidence);
    }

    static Detection of(String kind, String value, NodeText text, int start, int end, String transform,
                        Confidence confidence) {
        return new Detection(null, kind, value, text.utf8(start, end), transform, confidence, start, end);
    }
}
