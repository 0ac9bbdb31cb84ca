package org.telltale.api;

/**
 * What a detector is shown of one node of the decode tree: the node, where it was sent and what the
 * engine has already worked out about it once for every detector (its field name, its text). One per
 * node, made by the engine; detectors keep no state of their own.
 */
public interface NodeContext {
    /** The node: its bytes, its location and the steps that uncovered it. */
    Payload node();

    /** Whether no decoder could peel the node further. */
    boolean leaf();

    /** The host the request went to, for detectors that judge "another site". */
    String destinationHost();

    /** The label of the marked session holding the request, or null. */
    String session();

    /**
     * The name of the field the value was sent under, in one normal form: lower case, letters and
     * digits only ("device_id", "deviceId" and "$device-id" are all "deviceid"); "" when there is none.
     */
    String fieldName();

    /**
     * The node's bytes as text, one char per byte (ISO-8859-1), so that an index into it is a byte
     * offset a Detection can report; only the first MiB, since captured content is hostile.
     */
    String text();

    /** Whether the node reads as text rather than binary (few control bytes at its head). */
    boolean looksLikeText();
}
