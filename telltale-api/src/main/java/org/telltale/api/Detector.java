package org.telltale.api;

import java.util.List;

/** Looks at one decoded node and reports what personal data it holds. Stateless and thread-safe. */
public interface Detector {
    /** A short name ("canary", "imei", "email"). */
    String name();

    /**
     * The detections in this node.
     *
     * @param node        the decoded bytes and the path that uncovered them
     * @param leaf        true when no decoder could peel this node further
     * @param destination the host the request went to, for detectors that judge "another site"
     */
    List<Detection> detect(Payload node, boolean leaf, String destination);
}
