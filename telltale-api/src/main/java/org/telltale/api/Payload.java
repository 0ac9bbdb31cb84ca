package org.telltale.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of the decode tree: some bytes that left the device, with the path of steps that
 * uncovered them from where they were found.
 *
 * @param location        where in the request the root was found: "request.url",
 *                        "request.header:NAME", "request.cookie:NAME", "request.body",
 *                        "request.websocket:N"
 * @param path            the decoding steps from the root to here, for example
 *                        ["form:data_list", "base64", "gzip", "json:$[0].properties.q"]; empty at the root
 * @param data            the bytes at this layer
 * @param contentType     the declared media type, when the sender declared one for these bytes; else null
 * @param contentEncoding the declared Content-Encoding (root body only); else null
 */
public record Payload(String location, List<String> path, byte[] data, String contentType, String contentEncoding) {
    public Payload {
        path = List.copyOf(path);
    }

    /** A root payload with no steps yet. */
    public static Payload root(String location, byte[] data, String contentType, String contentEncoding) {
        return new Payload(location, List.of(), data, contentType, contentEncoding);
    }

    /** A child one step deeper, with no declared type. */
    public Payload child(String step, byte[] childData) {
        return child(step, childData, null);
    }

    /** A child one step deeper whose media type is known (a multipart part, a data: URL). */
    public Payload child(String step, byte[] childData, String childContentType) {
        List<String> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(step);
        return new Payload(location, Collections.unmodifiableList(p), childData, childContentType, null);
    }

    /** The last step, or null at the root. Detectors read field names from it ("json:$.imei"). */
    public String lastStep() {
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }

    /** The number of steps from the root. */
    public int depth() {
        return path.size();
    }
}
