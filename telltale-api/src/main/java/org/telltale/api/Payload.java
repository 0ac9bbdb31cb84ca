package org.telltale.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of the decode tree: some bytes that left the device, with the path of steps that
 * uncovered them from where they were found.
 *
 * @param location        where in the request the root was found
 * @param path            the decoding steps from the root to here; empty at the root
 * @param data            the bytes at this layer
 * @param contentType     the declared media type, when the sender declared one for these bytes; else null
 * @param contentEncoding the declared Content-Encoding (root body, and layers under it); else null
 */
public record Payload(Location location, List<Step> path, byte[] data, String contentType, String contentEncoding) {
    public Payload {
        path = List.copyOf(path);
    }

    /** A root payload with no steps yet. */
    public static Payload root(Location location, byte[] data, String contentType, String contentEncoding) {
        return new Payload(location, List.of(), data, contentType, contentEncoding);
    }

    /**
     * A root payload at a location written as results print it ("request.body"), as the only root of
     * its exchange; for tests and tools that decode a value on its own.
     */
    public static Payload root(String location, byte[] data, String contentType, String contentEncoding) {
        Location parsed = Location.parse(location, 0);
        if (parsed == null) {
            throw new IllegalArgumentException("not a location: " + location);
        }
        return root(parsed, data, contentType, contentEncoding);
    }

    /** A child one step deeper, made from the whole of this node (a decompression, a base64 decoding). */
    public Payload child(String label, byte[] childData) {
        return child(Step.of(label, Step.UNKNOWN, Step.UNKNOWN), childData, null, null);
    }

    /** A child one step deeper whose media type is known (a multipart part, a data: URL). */
    public Payload child(String label, byte[] childData, String childContentType) {
        return child(Step.of(label, Step.UNKNOWN, Step.UNKNOWN), childData, childContentType, null);
    }

    /** A child cut from this node's bytes [start, end) and then decoded (a form value, a JSON string). */
    public Payload childAt(String label, int start, int end, byte[] childData) {
        return child(Step.of(label, start, end), childData, null, null);
    }

    /** A child one step deeper, with everything said. */
    public Payload child(Step step, byte[] childData, String childContentType, String childContentEncoding) {
        List<Step> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(step);
        return new Payload(location, Collections.unmodifiableList(p), childData, childContentType,
                childContentEncoding);
    }

    /** This node with its last step replaced; the walker uses it to place a decoder's children. */
    public Payload withLastStep(Step step) {
        if (path.isEmpty()) {
            throw new IllegalStateException("a root has no step");
        }
        List<Step> p = new ArrayList<>(path);
        p.set(p.size() - 1, step);
        return new Payload(location, Collections.unmodifiableList(p), data, contentType, contentEncoding);
    }

    /** The label of the last step, or null at the root. Detectors read field names from it ("json:$.imei"). */
    public String lastStep() {
        return path.isEmpty() ? null : path.get(path.size() - 1).label();
    }

    /** The labels of the path, as results print it. */
    public List<String> labels() {
        return Steps.labels(path);
    }

    /** The number of steps from the root. */
    public int depth() {
        return path.size();
    }
}
