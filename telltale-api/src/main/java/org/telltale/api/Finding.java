package org.telltale.api;

import java.util.List;

/**
 * One piece of personal data that left the device, with everything a person needs to check it.
 *
 * @param flow        the index of the flow it left in, for display
 * @param flowId      the flow's stable id: the capture's SHA-256 and the place in it ("…/entry 12")
 * @param canary      the canary id, or null for a built-in detector
 * @param kind        the canary type or detector name
 * @param value       the personal value
 * @param matched     the text as found at the innermost layer
 * @param location    where in the request the decoding started
 * @param steps       the decoding steps from the location to the node holding the match
 * @param start       the offset of the match in the innermost node's bytes
 * @param end         the offset just past the match
 * @param transform   how the value was transformed ("plain", "sha256", "url-encoded", ...)
 * @param confidence  how sure the detector is
 * @param session     the label of the session whose window holds the request, or null
 * @param destination where it went; its attribution is added after detection, never during it
 * @param firstSeen   for a value the run learned from another request (a derived spelling of an
 *                    identifier, a shared ID): where it was first seen; null for every other finding
 */
public record Finding(int flow, String flowId, String canary, String kind, String value, String matched,
                      Location location, List<Step> steps, int start, int end, String transform,
                      Confidence confidence, String session, Destination destination, FirstSeen firstSeen) {
    public Finding {
        steps = List.copyOf(steps);
    }

    /** A finding made in its own request alone (no value learned elsewhere behind it). */
    public Finding(int flow, String flowId, String canary, String kind, String value, String matched,
                   Location location, List<Step> steps, int start, int end, String transform,
                   Confidence confidence, String session, Destination destination) {
        this(flow, flowId, canary, kind, value, matched, location, steps, start, end, transform, confidence, session,
                destination, null);
    }

    /** The step labels, as results print the path ("form:data_list", "base64", "gzip"). */
    public List<String> path() {
        return Steps.labels(steps);
    }

    /** The whole provenance on one line: "request.body > form:data_list > base64 > gzip > json:$[0].q". */
    public String provenance() {
        return Steps.provenance(location, steps);
    }

    /** The same finding sent to an attributed destination. */
    public Finding withDestination(Destination d) {
        return new Finding(flow, flowId, canary, kind, value, matched, location, steps, start, end, transform,
                confidence, session, d, firstSeen);
    }
}
