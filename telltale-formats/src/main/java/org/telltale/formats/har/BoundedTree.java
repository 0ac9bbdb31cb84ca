package org.telltale.formats.har;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.telltale.api.CaptureException;

/**
 * Builds the tree of one JSON object from a streaming parser, giving up (and skipping the rest of
 * the object, token by token, without keeping it) once it spans more than a set number of bytes of
 * input or holds a place where {@link BoundedJsonInput} cut a string, number or nesting.
 */
final class BoundedTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long maxBytes;
    private final BoundedJsonInput input;
    private long start;
    private String problem;

    BoundedTree(long maxBytes, BoundedJsonInput input) {
        this.maxBytes = maxBytes;
        this.input = input;
    }

    /**
     * Reads the object whose START_OBJECT is the current token. Returns null when it was too large
     * or cut ({@link #problem()} says which); the parser then stands on its END_OBJECT either way.
     */
    JsonNode read(JsonParser parser) throws IOException, CaptureException {
        start = parser.currentTokenLocation().getByteOffset();
        problem = null;
        int depth = parser.getParsingContext().getNestingDepth();
        try {
            return object(parser);
        } catch (TooLarge e) {
            problem = e.problem;
            while (parser.getParsingContext().getNestingDepth() >= depth) {
                if (parser.nextToken() == null) {
                    throw new CaptureException(HarReader.place(parser.currentLocation()),
                            "the file ends in the middle of an entry");
                }
                // so that the cuts noted while skipping are let go as they pass
                input.firstCut(parser.currentTokenLocation().getByteOffset(), -1);
            }
            return null;
        }
    }

    /** Why the last {@link #read} gave null. */
    String problem() {
        return problem;
    }

    private ObjectNode object(JsonParser parser) throws IOException, TooLarge, CaptureException {
        ObjectNode node = NODES.objectNode();
        for (JsonToken token = next(parser); token != JsonToken.END_OBJECT; token = next(parser)) {
            String name = parser.currentName();
            node.set(name, value(parser, next(parser)));
        }
        return node;
    }

    private ArrayNode array(JsonParser parser) throws IOException, TooLarge, CaptureException {
        ArrayNode node = NODES.arrayNode();
        for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
            node.add(value(parser, token));
        }
        return node;
    }

    private JsonNode value(JsonParser parser, JsonToken token) throws IOException, TooLarge, CaptureException {
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            default:
                return NODES.nullNode();
        }
    }

    private JsonToken next(JsonParser parser) throws IOException, TooLarge, CaptureException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new CaptureException(HarReader.place(parser.currentLocation()),
                    "the file ends in the middle of an entry");
        }
        // The parser's exact place costs an object per token; what Jackson was handed bounds it, so the
        // exact place is asked for only when the entry may be too large or a cut may be in it.
        long delivered = input.delivered();
        if (start < 0 || delivered - start <= maxBytes && !input.cutAtOrBefore(delivered)) {
            return token;
        }
        long offset = parser.currentTokenLocation().getByteOffset();
        if (offset >= 0 && offset - start > maxBytes) {
            throw new TooLarge("larger than " + maxBytes + " bytes");
        }
        checkCut(offset);
        return token;
    }

    private void checkCut(long offset) throws TooLarge {
        BoundedJsonInput.Cut cut = input.firstCut(start, offset);
        if (cut != null) {
            throw new TooLarge("holds " + cut.what() + " at line " + cut.line() + ", column " + cut.column());
        }
    }

    /** Unwinds the recursion when the object grew past a bound. */
    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
        final String problem;

        TooLarge(String problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }
}
