package org.telltale.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import org.telltale.api.FirstSeen;
import org.telltale.api.Header;
import org.telltale.api.Step;

/**
 * The JSON columns: lists that SQL need not look into (headers in order, steps, ALPN, places),
 * written in the tool's one key style (snake_case) so that SQLite's json functions read them.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Headers as [[name, value], ...]: order, case and repeats kept, as sent. */
    static String headers(List<Header> headers) {
        List<List<String>> pairs = new ArrayList<>(headers.size());
        for (Header h : headers) {
            pairs.add(List.of(h.name(), h.value()));
        }
        return write(pairs);
    }

    static List<Header> headers(String json) {
        if (json == null) {
            return List.of();
        }
        List<Header> out = new ArrayList<>();
        for (JsonNode pair : tree(json)) {
            out.add(new Header(pair.get(0).asText(), pair.get(1).asText()));
        }
        return out;
    }

    /** Steps as [{decoder, label, index, start, end}, ...]; -1 stands for "not known", as in {@link Step}. */
    static String steps(List<Step> steps) {
        List<Map<String, Object>> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            Map<String, Object> m = new TreeMap<>();
            m.put("decoder", s.decoder());
            m.put("label", s.label());
            m.put("index", s.index());
            m.put("start", s.start());
            m.put("end", s.end());
            out.add(m);
        }
        return write(out);
    }

    static List<Step> steps(String json) {
        List<Step> out = new ArrayList<>();
        for (JsonNode s : tree(json)) {
            out.add(new Step(s.path("decoder").isNull() ? null : s.path("decoder").asText(), s.get("label").asText(),
                    s.get("index").asInt(), s.get("start").asInt(), s.get("end").asInt()));
        }
        return out;
    }

    /** Where a learned value was first seen, as {flow, flow_id, kind, provenance}; null stays null. */
    static String firstSeen(FirstSeen seen) {
        if (seen == null) {
            return null;
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("flow", seen.flow());
        m.put("flow_id", seen.flowId());
        m.put("kind", seen.kind());
        m.put("provenance", seen.provenance());
        return write(m);
    }

    static FirstSeen firstSeen(String json) {
        if (json == null) {
            return null;
        }
        JsonNode n = tree(json);
        return new FirstSeen(n.get("flow").asInt(), n.get("flow_id").asText(), n.get("kind").asText(),
                n.get("provenance").asText());
    }

    static List<String> strings(String json) {
        return json == null ? List.of() : read(json, new TypeReference<List<String>>() { });
    }

    static Map<String, String> stringMap(String json) {
        return json == null ? Map.of() : read(json, new TypeReference<Map<String, String>>() { });
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON column of the case is damaged", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON column of the case is damaged", e);
        }
    }
}
