package org.telltale.core;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Location;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/** Nodes for tests that judge one node on its own, written as results print them. */
public final class TestNodes {
    private TestNodes() {
    }

    /** A node at location ("request.body") under steps with these labels, each the only child of its parent. */
    public static Payload payload(String location, List<String> labels, byte[] data, String contentType,
                                  String contentEncoding) {
        return new Payload(Location.parse(location, 0), steps(labels), data, contentType, contentEncoding);
    }

    /** Steps with these labels, each the only child of its parent. */
    public static List<Step> steps(List<String> labels) {
        List<Step> out = new ArrayList<>(labels.size());
        for (String label : labels) {
            out.add(new Step(null, label, 0, Step.UNKNOWN, Step.UNKNOWN));
        }
        return out;
    }
}
