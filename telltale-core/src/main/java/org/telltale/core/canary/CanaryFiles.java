package org.telltale.core.canary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.Session;
import org.telltale.core.canary.SourceTree.Mapping;
import org.telltale.core.canary.SourceTree.Node;
import org.telltale.core.canary.SourceTree.Place;
import org.telltale.core.canary.SourceTree.Problem;
import org.telltale.core.canary.SourceTree.Scalar;
import org.telltale.core.canary.SourceTree.Sequence;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the canary file (YAML or JSON). Every problem becomes one line naming the file, the line
 * and column when known, and the entry ("canaries[3].type"). Unknown fields are ignored, so that
 * files written for a later version still load.
 */
public final class CanaryFiles {
    /** A larger file is refused before it is parsed. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** More canaries than this are refused. */
    public static final int MAX_CANARIES = 100_000;
    /** More sessions than this are refused. */
    public static final int MAX_SESSIONS = 100_000;
    /** Shorter values would match by chance. */
    public static final int MIN_VALUE_LENGTH = 4;
    /** Longer values are not something a device sends as one field. */
    public static final int MAX_VALUE_LENGTH = 4096;
    /** Longer ids or labels are refused. */
    public static final int MAX_NAME_LENGTH = 256;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(SourceTree.MAX_DEPTH + 1)
            .maxStringLength(MAX_BYTES)
            .maxNumberLength(1000)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    private static final JsonFactory YAML = YAMLFactory.builder()
            .loaderOptions(yamlOptions())
            .streamReadConstraints(CONSTRAINTS)
            .build();

    private CanaryFiles() {
    }

    private static LoaderOptions yamlOptions() {
        LoaderOptions options = new LoaderOptions();
        // The YAML library's own default (3 MB) is below the file bound.
        options.setCodePointLimit(MAX_BYTES + 1024);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(SourceTree.MAX_DEPTH + 1);
        return options;
    }

    /**
     * Parses a canary file's content.
     *
     * @param content  the file's bytes
     * @param fileName the name, used in messages only
     * @throws CanaryFileException naming the file and the place of the first problem
     */
    public static CanaryFile parse(byte[] content, String fileName) throws CanaryFileException {
        String name = fileName == null ? "canary file" : fileName;
        if (content == null) {
            throw new CanaryFileException(name + ": no content");
        }
        if (content.length > MAX_BYTES) {
            throw new CanaryFileException(name + ": " + content.length + " bytes is more than a canary file may hold ("
                    + MAX_BYTES + ")");
        }
        try {
            Node root = SourceTree.read(looksLikeJson(content, name) ? JSON : YAML, content);
            return new Reader().file(root);
        } catch (Problem p) {
            throw new CanaryFileException(name + at(p.place) + ": " + p.getMessage());
        }
    }

    private static String at(Place place) {
        if (place == null || place.line() <= 0) {
            return "";
        }
        return ":" + place.line() + (place.column() > 0 ? ":" + place.column() : "");
    }

    private static boolean looksLikeJson(byte[] content, String name) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return true;
        }
        int i = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '{';
    }

    /** Turns the document into the model, one named entry at a time. */
    private static final class Reader {
        CanaryFile file(Node root) throws Problem {
            if (!(root instanceof Mapping m)) {
                throw new Problem("expected a mapping with 'canaries' and 'sessions' (is this a canary file?)",
                        root.place());
            }
            Node canaries = m.entries().get("canaries");
            Node sessions = m.entries().get("sessions");
            if (absent(canaries) && absent(sessions)) {
                throw new Problem("neither 'canaries' nor 'sessions' found (is this a canary file?)", root.place());
            }
            return new CanaryFile(canaries(canaries), sessions(sessions));
        }

        private List<Canary> canaries(Node node) throws Problem {
            List<Node> items = list(node, "canaries");
            if (items.size() > MAX_CANARIES) {
                throw new Problem("canaries: " + items.size() + " canaries is more than " + MAX_CANARIES,
                        node.place());
            }
            List<Canary> out = new ArrayList<>(items.size());
            Map<String, String> firstById = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String where = "canaries[" + i + "]";
                Mapping entry = mapping(items.get(i), where);
                String id = text(entry, "id", where, true);
                if (id.length() > MAX_NAME_LENGTH) {
                    throw problem(entry, "id", where, "id longer than " + MAX_NAME_LENGTH + " characters");
                }
                String typeText = text(entry, "type", where, true);
                CanaryType type;
                try {
                    type = CanaryType.parse(typeText);
                } catch (IllegalArgumentException e) {
                    throw problem(entry, "type", where, e.getMessage());
                }
                String value = text(entry, "value", where, false);
                if (value.strip().length() < MIN_VALUE_LENGTH) {
                    throw problem(entry, "value", where, "value '" + value + "' is too short to match safely (at least "
                            + MIN_VALUE_LENGTH + " characters)");
                }
                if (value.length() > MAX_VALUE_LENGTH) {
                    throw problem(entry, "value", where, "value longer than " + MAX_VALUE_LENGTH + " characters");
                }
                String previous = firstById.putIfAbsent(id, where);
                if (previous != null) {
                    throw problem(entry, "id", where, "duplicate id '" + id + "' (first used in " + previous + ")");
                }
                out.add(new Canary(id, type, value, expected(entry, where)));
            }
            return out;
        }

        private List<String> expected(Mapping entry, String where) throws Problem {
            Node node = entry.entries().get("expected");
            if (absent(node)) {
                return List.of();
            }
            if (node instanceof Scalar s) {
                return List.of(domain(s, where + ".expected"));
            }
            List<Node> items = list(node, where + ".expected");
            if (items.size() > 1000) {
                throw new Problem(where + ".expected: more than 1000 domains", node.place());
            }
            List<String> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                String itemWhere = where + ".expected[" + i + "]";
                if (!(items.get(i) instanceof Scalar s)) {
                    throw new Problem(itemWhere + ": expected a domain name", items.get(i).place());
                }
                out.add(domain(s, itemWhere));
            }
            return out;
        }

        private String domain(Scalar s, String where) throws Problem {
            String d = s.text() == null ? "" : s.text().strip().toLowerCase(Locale.ROOT);
            if (d.isEmpty() || d.length() > 253) {
                throw new Problem(where + ": expected a domain name", s.place());
            }
            return d;
        }

        private List<Session> sessions(Node node) throws Problem {
            List<Node> items = list(node, "sessions");
            if (items.size() > MAX_SESSIONS) {
                throw new Problem("sessions: " + items.size() + " sessions is more than " + MAX_SESSIONS, node.place());
            }
            List<Session> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                String where = "sessions[" + i + "]";
                Mapping entry = mapping(items.get(i), where);
                String label = absent(entry.entries().get("label")) ? "session " + (i + 1)
                        : text(entry, "label", where, true);
                if (label.length() > MAX_NAME_LENGTH) {
                    throw problem(entry, "label", where, "label longer than " + MAX_NAME_LENGTH + " characters");
                }
                Instant start = instant(entry, "start", where);
                Instant end = instant(entry, "end", where);
                if (!end.isAfter(start)) {
                    throw problem(entry, "end", where, "end " + end + " is not after start " + start);
                }
                out.add(new Session(label, start, end));
            }
            return out;
        }

        private Instant instant(Mapping entry, String key, String where) throws Problem {
            String text = text(entry, key, where, true);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    throw problem(entry, key, where, "unparsable timestamp '" + text
                            + "' (use ISO 8601 with a zone, such as 2020-04-21T09:10:00Z)");
                }
            }
        }

        private List<Node> list(Node node, String where) throws Problem {
            if (absent(node)) {
                return List.of();
            }
            if (!(node instanceof Sequence s)) {
                throw new Problem(where + ": expected a list", node.place());
            }
            return s.items();
        }

        private Mapping mapping(Node node, String where) throws Problem {
            if (!(node instanceof Mapping m)) {
                throw new Problem(where + ": expected a mapping with id, type and value", node.place());
            }
            return m;
        }

        private String text(Mapping entry, String key, String where, boolean strip) throws Problem {
            Node node = entry.entries().get(key);
            if (absent(node)) {
                throw new Problem(where + ": missing '" + key + "'", entry.place());
            }
            if (!(node instanceof Scalar s)) {
                throw new Problem(where + "." + key + ": expected a single value", node.place());
            }
            String t = strip ? s.text().strip() : s.text();
            if (t.isBlank()) {
                throw new Problem(where + ": missing '" + key + "'", node.place());
            }
            return t;
        }

        private Problem problem(Mapping entry, String key, String where, String message) {
            Node node = entry.entries().get(key);
            return new Problem(where + "." + key + ": " + message, node == null ? entry.place() : node.place());
        }

        private static boolean absent(Node node) {
            return node == null || (node instanceof Scalar s && s.text() == null);
        }
    }
}
