package org.telltale.core.canary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML or JSON document read into plain nodes that remember their line and column, so that a
 * mistake found later (a duplicate id) can still be pointed at. Scalars keep their text as written:
 * an unquoted {@code +33612345678} stays a phone number rather than becoming 33612345678.
 *
 * <p>YAML aliases ("*myimei") and merge keys ("<<") are refused at their place. Jackson's streaming
 * parser hands over an alias as the text of its name, so "value: *myimei" planted the canary
 * "myimei", and it does not say which scalar an anchor marks; its anchor-replaying parser does, but
 * breaks on an alias inside an anchored value (2.22.4). Anchors alone change nothing and are read.
 */
final class SourceTree {
    /** Deeper nesting than this is not a canary file. */
    static final int MAX_DEPTH = 32;
    /** Every node counts, so a file of tiny lists cannot exhaust memory. */
    static final int MAX_NODES = 2_000_000;

    /** A node of the document. */
    sealed interface Node permits Scalar, Mapping, Sequence {
        /** Where the node starts. */
        Place place();
    }

    /**
     * A position in the file.
     *
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     */
    record Place(int line, int column) {
        static Place of(JsonLocation l) {
            return l == null ? new Place(0, 0) : new Place(Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
        }
    }

    /**
     * A scalar value.
     *
     * @param text  the text as written, or null for a null value
     * @param place where it is
     */
    record Scalar(String text, Place place) implements Node {
    }

    /**
     * A mapping.
     *
     * @param entries the entries in file order
     * @param places  where each entry's key is
     * @param place   where the mapping starts
     */
    record Mapping(Map<String, Node> entries, Map<String, Place> places, Place place) implements Node {
    }

    /**
     * A list.
     *
     * @param items the items in order
     * @param place where the list starts
     */
    record Sequence(List<Node> items, Place place) implements Node {
    }

    /** Thrown with a message and the place it concerns. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        /** Where the problem is. */
        final transient Place place;

        Problem(String message, Place place) {
            super(message);
            this.place = place;
        }
    }

    private final JsonParser parser;
    private int nodes;

    private SourceTree(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * Reads the single document in {@code content}.
     *
     * @throws Problem when the content is not well-formed, is empty, or exceeds the bounds
     */
    static Node read(JsonFactory factory, byte[] content) throws Problem {
        try (JsonParser p = factory.createParser(content)) {
            SourceTree reader = new SourceTree(p);
            if (p.nextToken() == null) {
                throw new Problem("the file is empty", new Place(1, 1));
            }
            Node root = reader.value(0);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new Problem("unexpected content after the document", Place.of(p.currentTokenLocation()));
            }
            return root;
        } catch (JacksonException e) {
            throw new Problem(firstLine(e.getOriginalMessage()), Place.of(e.getLocation()));
        } catch (IOException e) {
            throw new Problem(firstLine(e.getMessage()), new Place(0, 0));
        } catch (RuntimeException e) {
            // The YAML library signals some limits and malformed input with its own unchecked exceptions.
            throw new Problem("not readable as YAML or JSON: " + firstLine(e.getMessage()), new Place(0, 0));
        }
    }

    private Node value(int depth) throws IOException, Problem {
        Place place = Place.of(parser.currentTokenLocation());
        if (++nodes > MAX_NODES) {
            throw new Problem("more than " + MAX_NODES + " values", place);
        }
        if (depth > MAX_DEPTH) {
            throw new Problem("nested more than " + MAX_DEPTH + " levels deep", place);
        }
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new Problem("YAML aliases are not supported (*" + parser.getText() + "): write the value out",
                    place);
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Place> places = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Place keyPlace = Place.of(parser.currentTokenLocation());
                    if (key.equals("<<") && parser instanceof YAMLParser) {
                        // Read as a plain key, a merge would vanish among the ignored unknown fields.
                        throw new Problem("YAML merge keys (<<) are not supported: write the fields out", keyPlace);
                    }
                    parser.nextToken();
                    Node v = value(depth + 1);
                    if (entries.putIfAbsent(key, v) != null) {
                        throw new Problem("duplicate key '" + key + "'", keyPlace);
                    }
                    places.put(key, keyPlace);
                }
                return new Mapping(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(places), place);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(depth + 1));
                }
                return new Sequence(Collections.unmodifiableList(items), place);
            }
            case VALUE_NULL:
                return new Scalar(null, place);
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
            case VALUE_EMBEDDED_OBJECT:
                return new Scalar(parser.getText(), place);
            default:
                throw new Problem("unexpected " + token, place);
        }
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "malformed";
        }
        String line = message.strip().lines().findFirst().orElse("malformed");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
