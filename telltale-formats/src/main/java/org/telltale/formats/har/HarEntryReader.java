package org.telltale.formats.har;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.telltale.api.CaptureException;
import org.telltale.formats.har.BoundedTokens.TooLarge;
import org.telltale.formats.har.HarFields.Entry;
import org.telltale.formats.har.HarFields.Pair;
import org.telltale.formats.har.HarFields.PostData;
import org.telltale.formats.har.HarFields.Request;
import org.telltale.formats.har.HarFields.Response;
import org.telltale.formats.har.HarFields.WebSocketMessage;

/**
 * Reads one HAR entry straight from the streaming parser into {@link HarFields}, skipping every field
 * Telltale does not use, so no tree of the entry is built. Values are read as a Jackson tree would
 * give them to {@code asText()}, {@code asInt()} and {@code asDouble()}, and a field written twice
 * counts by its last value, as in a tree.
 */
final class HarEntryReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final BoundedTokens tokens;

    HarEntryReader(JsonParser parser, BoundedTokens tokens) {
        this.parser = parser;
        this.tokens = tokens;
    }

    /** The entry whose START_OBJECT is the current token, or null when it was past a bound ({@link #problem()}). */
    Entry read() throws IOException, CaptureException {
        return tokens.read(this::entry);
    }

    /** Why the last {@link #read} gave null. */
    String problem() {
        return tokens.problem();
    }

    private Entry entry() throws IOException, TooLarge, CaptureException {
        Request request = null;
        Response response = null;
        String started = null;
        String serverIp = null;
        List<WebSocketMessage> messages = null;
        for (JsonToken token = tokens.next(); token != JsonToken.END_OBJECT; token = tokens.next()) {
            String field = parser.currentName();
            JsonToken value = tokens.next();
            switch (field) {
                case "request" -> request = value == JsonToken.START_OBJECT ? request() : skipped(value, null);
                case "response" -> response = value == JsonToken.START_OBJECT ? response() : skipped(value, null);
                case "startedDateTime" -> started = text(value);
                case "serverIPAddress" -> serverIp = text(value);
                case "_webSocketMessages" ->
                        messages = value == JsonToken.START_ARRAY ? messages() : skipped(value, null);
                default -> tokens.skip(value);
            }
        }
        return new Entry(request, response, started, serverIp, messages);
    }

    private Request request() throws IOException, TooLarge, CaptureException {
        String method = null;
        String url = null;
        String version = null;
        List<Pair> headers = null;
        List<Pair> cookies = null;
        PostData postData = null;
        for (JsonToken token = tokens.next(); token != JsonToken.END_OBJECT; token = tokens.next()) {
            String field = parser.currentName();
            JsonToken value = tokens.next();
            switch (field) {
                case "method" -> method = text(value);
                case "url" -> url = text(value);
                case "httpVersion" -> version = text(value);
                case "headers" -> headers = pairs(value, true);
                case "cookies" -> cookies = pairs(value, false);
                case "postData" -> postData = value == JsonToken.START_OBJECT ? postData() : skipped(value, null);
                default -> tokens.skip(value);
            }
        }
        return new Request(method, url, version, headers, cookies, postData);
    }

    private PostData postData() throws IOException, TooLarge, CaptureException {
        String text = null;
        String encoding = null;
        List<Pair> params = null;
        for (JsonToken token = tokens.next(); token != JsonToken.END_OBJECT; token = tokens.next()) {
            String field = parser.currentName();
            JsonToken value = tokens.next();
            switch (field) {
                case "text" -> text = text(value);
                case "encoding" -> encoding = text(value);
                case "params" -> params = pairs(value, false);
                default -> tokens.skip(value);
            }
        }
        return new PostData(text, encoding, params);
    }

    private Response response() throws IOException, TooLarge, CaptureException {
        int status = 0;
        List<Pair> headers = null;
        String text = null;
        String encoding = null;
        for (JsonToken token = tokens.next(); token != JsonToken.END_OBJECT; token = tokens.next()) {
            String field = parser.currentName();
            JsonToken value = tokens.next();
            switch (field) {
                case "status" -> status = node(value).asInt(0);
                case "headers" -> headers = pairs(value, true);
                case "content" -> {
                    // a second "content" replaces the first, and one that is no object holds no text
                    text = null;
                    encoding = null;
                    if (value != JsonToken.START_OBJECT) {
                        tokens.skip(value);
                        continue;
                    }
                    for (JsonToken t = tokens.next(); t != JsonToken.END_OBJECT; t = tokens.next()) {
                        String name = parser.currentName();
                        JsonToken v = tokens.next();
                        switch (name) {
                            case "text" -> text = text(v);
                            case "encoding" -> encoding = text(v);
                            default -> tokens.skip(v);
                        }
                    }
                }
                default -> tokens.skip(value);
            }
        }
        return new Response(status, headers, text, encoding);
    }

    /**
     * An array of name and value objects; with {@code pairArrays} an element may also be a
     * [name, value] array, as Slack writes headers. Any other element is a pair of nulls.
     */
    private List<Pair> pairs(JsonToken token, boolean pairArrays) throws IOException, TooLarge, CaptureException {
        if (token != JsonToken.START_ARRAY) {
            return skipped(token, null);
        }
        List<Pair> pairs = new ArrayList<>();
        for (JsonToken element = tokens.next(); element != JsonToken.END_ARRAY; element = tokens.next()) {
            if (element == JsonToken.START_OBJECT) {
                pairs.add(pairObject());
            } else if (element == JsonToken.START_ARRAY && pairArrays) {
                pairs.add(pairArray());
            } else {
                tokens.skip(element);
                pairs.add(new Pair(null, null));
            }
        }
        return pairs;
    }

    private Pair pairObject() throws IOException, TooLarge, CaptureException {
        String name = null;
        String value = null;
        for (JsonToken token = tokens.next(); token != JsonToken.END_OBJECT; token = tokens.next()) {
            String field = parser.currentName();
            JsonToken v = tokens.next();
            switch (field) {
                case "name" -> name = text(v);
                case "value" -> value = text(v);
                default -> tokens.skip(v);
            }
        }
        return new Pair(name, value);
    }

    private Pair pairArray() throws IOException, TooLarge, CaptureException {
        String name = null;
        String value = null;
        int index = 0;
        for (JsonToken token = tokens.next(); token != JsonToken.END_ARRAY; token = tokens.next(), index++) {
            if (index == 0) {
                name = text(token);
            } else if (index == 1) {
                value = text(token);
            } else {
                tokens.skip(token);
            }
        }
        return new Pair(name, value);
    }

    private List<WebSocketMessage> messages() throws IOException, TooLarge, CaptureException {
        List<WebSocketMessage> messages = new ArrayList<>();
        for (JsonToken element = tokens.next(); element != JsonToken.END_ARRAY; element = tokens.next()) {
            if (element == JsonToken.START_OBJECT) {
                messages.add(message());
            } else {
                // in a tree such an element has no fields: a text message without data or time
                tokens.skip(element);
                messages.add(new WebSocketMessage(null, 1, null, Double.NaN));
            }
        }
        return messages;
    }

    private WebSocketMessage message() throws IOException, TooLarge, CaptureException {
        String type = null;
        JsonNode opcode = MissingNode.getInstance();
        String data = null;
        JsonNode time = MissingNode.getInstance();
        for (JsonToken token = tokens.next(); token != JsonToken.END_OBJECT; token = tokens.next()) {
            String field = parser.currentName();
            JsonToken value = tokens.next();
            switch (field) {
                case "type" -> type = text(value);
                case "opcode" -> opcode = node(value);
                case "data" -> data = text(value);
                case "time" -> time = node(value);
                default -> tokens.skip(value);
            }
        }
        return new WebSocketMessage(type, opcode.asInt(1), data, time.isNumber() ? time.asDouble() : Double.NaN);
    }

    /** A string value as a tree's {@code asText()} gives it: null for null, an object or an array. */
    private String text(JsonToken token) throws IOException, TooLarge, CaptureException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        JsonNode node = node(token);
        return node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    /**
     * The value as the node a tree holds for it, so that a number, a boolean or a null where a string
     * or number was due reads as it did from a tree. An object or array is skipped and stands as an
     * empty one: nothing here looks inside it.
     */
    private JsonNode node(JsonToken token) throws IOException, TooLarge, CaptureException {
        switch (token) {
            case START_OBJECT:
                tokens.skip(token);
                return NODES.objectNode();
            case START_ARRAY:
                tokens.skip(token);
                return NODES.arrayNode();
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

    /** Skips a value of the wrong kind and stands for it with {@code absent}. */
    private <T> T skipped(JsonToken token, T absent) throws IOException, TooLarge, CaptureException {
        tokens.skip(token);
        return absent;
    }
}
