package org.telltale.api;

import java.util.List;

/**
 * Looks at one decoded node and reports what personal data it holds, with offsets in the node's
 * bytes. Stateless and thread-safe; it must stay linear in the node's size.
 */
public interface Detector {
    /** A short name ("canary", "imei", "email"). */
    String name();

    /** The detections in this node. */
    List<Detection> detect(NodeContext node);
}
