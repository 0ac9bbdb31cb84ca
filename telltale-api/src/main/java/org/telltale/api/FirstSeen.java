package org.telltale.api;

import java.io.Serializable;

/**
 * Where a value a run learned was first seen: the request and the decoding path that held it. A
 * finding that carries one was found because of that earlier sighting (a hash of an Android ID seen
 * plain elsewhere, an ID that reached several organisations), so a person can check both places.
 *
 * @param flow       the index of the flow it was first seen in, for display
 * @param flowId     that flow's stable id
 * @param kind       what it was found to be there ("android_id", "device_id"; for a shared ID, "shared_id")
 * @param provenance where in that request, on one line ("request.url > url:query > form:aid")
 */
public record FirstSeen(int flow, String flowId, String kind, String provenance) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** As one line: "flow 3 request.url > form:aid (android_id)". */
    public String text() {
        return "flow " + flow + " " + provenance + " (" + kind + ")";
    }
}
