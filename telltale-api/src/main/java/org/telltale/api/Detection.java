package org.telltale.api;

/**
 * What a detector found in one payload node, before it is placed in a flow.
 *
 * @param canary     the canary id; null for built-in detectors
 * @param kind       the canary type or detector name ("imei", "email", "search", "browsing_history")
 * @param value      the personal value (the canary's value, or the normalised value found)
 * @param matched    the text as found in this node
 * @param transform  how the value was transformed before it was sent: "plain", "md5", "sha256",
 *                   "url-encoded", "sha1-base64", ...
 * @param confidence how sure the detector is
 * @param start      the offset of the match in the node's bytes
 * @param end        the offset just past the match
 */
public record Detection(String canary, String kind, String value, String matched, String transform,
                        Confidence confidence, int start, int end) {
}
