package org.telltale.core.detect.builtin;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.telltale.api.Payload;

/** Payload nodes as the decoder hands them to detectors, for tests. */
final class Leaves {
    private Leaves() {
    }

    /** A JSON string value in the request body, e.g. json("$.device.imei", "..."). */
    static Payload json(String jsonPath, String value) {
        return body("json:" + jsonPath, value);
    }

    /** A form field of the request body. */
    static Payload form(String name, String value) {
        return body("form:" + name, value);
    }

    /** A query parameter of the request URL. */
    static Payload query(String name, String value) {
        return org.telltale.core.TestNodes.payload("request.url", List.of("query:" + name), bytes(value), null, null);
    }

    /** A request header, as its own root. */
    static Payload header(String name, String value) {
        return Payload.root("request.header:" + name, bytes(value), null, null);
    }

    /** A request cookie, as its own root. */
    static Payload cookie(String name, String value) {
        return Payload.root("request.cookie:" + name, bytes(value), null, null);
    }

    /** The whole request body, not peeled further. */
    static Payload rawBody(String value, String contentType) {
        return Payload.root("request.body", bytes(value), contentType, null);
    }

    /** A node of the request body at the end of the given steps. */
    static Payload body(String step, String value) {
        return org.telltale.core.TestNodes.payload("request.body", List.of(step), bytes(value), null, null);
    }

    /** A node of the request body at the end of several steps. */
    static Payload bodyPath(List<String> steps, String value) {
        return org.telltale.core.TestNodes.payload("request.body", steps, bytes(value), null, null);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
