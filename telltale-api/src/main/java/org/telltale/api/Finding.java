package org.telltale.api;

import java.util.List;

/**
 * One piece of personal data that left the device, with everything a person needs to check it.
 *
 * @param flow        the index of the flow it left in
 * @param canary      the canary id, or null for a built-in detector
 * @param kind        the canary type or detector name
 * @param value       the personal value
 * @param matched     the text as found at the innermost layer
 * @param location    "request.url", "request.header:NAME", "request.cookie:NAME", "request.body", ...
 * @param path        the decoding steps from the location to the match
 * @param transform   how the value was transformed ("plain", "sha256", "url-encoded", ...)
 * @param confidence  how sure the detector is
 * @param session     the label of the session whose window holds the request, or null
 * @param destination where it went
 */
public record Finding(int flow, String canary, String kind, String value, String matched, String location,
                      List<String> path, String transform, Confidence confidence, String session,
                      Destination destination) {
    public Finding {
        path = List.copyOf(path);
    }
}
