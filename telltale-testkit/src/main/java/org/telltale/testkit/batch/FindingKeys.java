package org.telltale.testkit.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line per finding holding everything that must agree between {@code telltale analyze --format json}
 * and a row of the findings table (flow id, canary, kind, value, where and how it was found, every step,
 * the destination and its attribution), so tests compare the two as multisets of lines: nothing missing,
 * nothing extra. The display index of the flow is left out: a batch numbers flows per capture.
 */
public final class FindingKeys {
    /** The fields compared, by their JSON and column names. */
    public static final List<String> FIELDS = List.of("flow_id", "canary", "kind", "value", "matched", "location",
            "location_index", "path", "steps", "start", "end", "provenance", "transform", "confidence", "session",
            "host", "ip", "port", "registrable_domain", "organization", "parent", "organization_country", "country",
            "asn", "as_org");

    private FindingKeys() {
    }

    /** The lines of every finding in an analyze JSON document. */
    public static List<String> ofJson(JsonNode document) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : document.path("findings")) {
            JsonNode d = f.path("destination");
            out.add(line(name -> {
                JsonNode v = switch (name) {
                    case "host", "ip", "port", "registrable_domain", "organization", "parent", "organization_country",
                         "country", "asn", "as_org" -> d.path(name);
                    default -> f.path(name);
                };
                if (name.equals("steps")) {
                    List<String> steps = new ArrayList<>();
                    for (JsonNode s : v) {
                        steps.add(step(s.path("decoder").asText(), s.path("label").asText(), s.path("index").asInt(),
                                s.path("start").isNull() ? null : s.path("start").asInt(),
                                s.path("end").isNull() ? null : s.path("end").asInt()));
                    }
                    return steps;
                }
                if (v.isArray()) {
                    List<String> items = new ArrayList<>();
                    v.forEach(i -> items.add(i.asText()));
                    return items;
                }
                return v.isNull() || v.isMissingNode() ? null : v.isNumber() ? (Object) v.numberValue().longValue() : v.asText();
            }));
        }
        return out;
    }

    /**
     * The line of one finding row.
     *
     * @param column the row's value of a column; steps as lines made with {@link #step}, lists as lists
     */
    public static String line(Function<String, Object> column) {
        StringBuilder b = new StringBuilder();
        for (String name : FIELDS) {
            Object v = column.apply(name);
            if (v instanceof Number n) {
                v = n.longValue();
            }
            b.append(name).append('=').append(v).append(" | ");
        }
        return b.toString();
    }

    /** One decoding step as a line; start and end null where the decoder does not know them. */
    public static String step(String decoder, String label, int index, Integer start, Integer end) {
        return decoder + ":" + label + "#" + index + "[" + start + "," + end + ")";
    }
}
