package org.telltale.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.Session;

/** Writes a canary file in either of the two forms users write: YAML or JSON. */
public final class CanaryFileWriter {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes YAML when the file name ends in .yaml or .yml, JSON otherwise. */
    public void write(CanaryFile canaries, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String text = name.endsWith(".yaml") || name.endsWith(".yml") ? toYaml(canaries) : toJson(canaries);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The file as YAML, in the block style of the documentation. */
    public String toYaml(CanaryFile canaries) {
        StringBuilder out = new StringBuilder("canaries:\n");
        for (Canary c : canaries.canaries()) {
            out.append("  - id: ").append(quote(c.id())).append('\n');
            out.append("    type: ").append(c.type().id()).append('\n');
            out.append("    value: ").append(quote(c.value())).append('\n');
            if (!c.expected().isEmpty()) {
                out.append("    expected: [");
                for (int i = 0; i < c.expected().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(quote(c.expected().get(i)));
                }
                out.append("]\n");
            }
        }
        if (!canaries.sessions().isEmpty()) {
            out.append("sessions:\n");
            for (Session s : canaries.sessions()) {
                out.append("  - label: ").append(quote(s.label())).append('\n');
                out.append("    start: ").append(s.start()).append('\n');
                out.append("    end: ").append(s.end()).append('\n');
            }
        }
        return out.toString();
    }

    /** The file as JSON. */
    public String toJson(CanaryFile canaries) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("canaries");
        for (Canary c : canaries.canaries()) {
            ObjectNode node = list.addObject().put("id", c.id()).put("type", c.type().id()).put("value", c.value());
            if (!c.expected().isEmpty()) {
                ArrayNode expected = node.putArray("expected");
                c.expected().forEach(expected::add);
            }
        }
        ArrayNode sessions = root.putArray("sessions");
        for (Session s : canaries.sessions()) {
            sessions.addObject().put("label", s.label()).put("start", s.start().toString())
                    .put("end", s.end().toString());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal is also a valid YAML double-quoted scalar, escapes included. */
    private String quote(String s) {
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
