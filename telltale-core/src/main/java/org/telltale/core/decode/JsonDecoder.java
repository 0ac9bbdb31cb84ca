package org.telltale.core.decode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * JSON, declared or sniffed (including a JSON document inside a JSON string, and NDJSON). Every
 * scalar becomes one child whose step is its full path: "json:$[0].properties.q", "json:$['a b']".
 * Strings, numbers and booleans are children (as their text); nulls and empty strings are not.
 * In a payload holding several documents (JSON lines) the second and later ones are prefixed
 * "#N": "json:#2$.user".
 */
final class JsonDecoder implements Decoder {
    private static final int MAX_NESTING = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(1000)
                    .maxStringLength(32 << 20)
                    .maxNameLength(64 << 10)
                    .build())
            .build();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public double fit(Payload payload) {
        if (MediaTypes.isJson(payload.contentType())) {
            return Fits.DECLARED_TYPE;
        }
        byte[] d = payload.data();
        int i = Bytes.skipWhitespace(d, 0);
        if (i >= d.length || !Bytes.headLooksLikeText(d)) {
            // JSON has no raw control bytes anywhere, so binary that starts with '[' or '{' is not JSON.
            return -1;
        }
        if (d[i] == '{') {
            return Fits.JSON;
        }
        if (d[i] == '[') {
            int j = Bytes.skipWhitespace(d, i + 1);
            return j < d.length && "{[\"-0123456789tfn]".indexOf(d[j]) >= 0 ? Fits.JSON : -1;
        }
        return -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        List<Payload> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(payload.data())) {
            walk(p, payload, limits.maxChildren(), out);
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : Decompression.message(e);
            if (!out.isEmpty()) {
                throw new PartialDecodeException(message + " (kept " + out.size() + " values read before it)", out);
            }
            if (MediaTypes.isJson(payload.contentType())) {
                throw e;
            }
            return List.of();
        }
        return out;
    }

    private static void walk(JsonParser p, Payload payload, int maxChildren, List<Payload> out) throws IOException {
        StringBuilder path = new StringBuilder(64);
        int[] base = new int[MAX_NESTING + 2];
        int[] index = new int[MAX_NESTING + 2];
        boolean[] array = new boolean[MAX_NESTING + 2];
        int depth = 0;
        int document = 0;
        JsonToken t;
        while ((t = p.nextToken()) != null && out.size() <= maxChildren) {
            if (depth == 0) {
                document++;
                path.setLength(0);
                path.append("json:");
                if (document > 1) {
                    path.append('#').append(document);
                }
                path.append('$');
                base[0] = path.length();
            }
            switch (t) {
                case START_OBJECT, START_ARRAY -> {
                    elementPosition(path, base, index, array, depth);
                    depth++;
                    base[depth] = path.length();
                    index[depth] = 0;
                    array[depth] = t == JsonToken.START_ARRAY;
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    path.setLength(base[depth]);
                    if (depth > 0 && array[depth]) {
                        index[depth]++;
                    }
                }
                case FIELD_NAME -> {
                    path.setLength(base[depth]);
                    appendKey(path, p.currentName());
                }
                case VALUE_NULL -> skipScalar(index, array, depth);
                default -> {
                    elementPosition(path, base, index, array, depth);
                    long start = p.currentTokenLocation().getByteOffset();
                    String text = p.getText();
                    if (!text.isEmpty()) {
                        out.add(payload.childAt(path.toString(), (int) start, (int) p.currentLocation().getByteOffset(),
                                Bytes.utf8(text)));
                    }
                    skipScalar(index, array, depth);
                }
            }
        }
    }

    private static void elementPosition(StringBuilder path, int[] base, int[] index, boolean[] array, int depth) {
        if (depth > 0 && array[depth]) {
            path.setLength(base[depth]);
            path.append('[').append(index[depth]).append(']');
        }
    }

    private static void skipScalar(int[] index, boolean[] array, int depth) {
        if (depth > 0 && array[depth]) {
            index[depth]++;
        }
    }

    /** ".name" for identifier-like keys, else "['key']" with quote and backslash escaped. */
    static void appendKey(StringBuilder path, String key) {
        if (isIdentifier(key)) {
            path.append('.').append(key);
            return;
        }
        path.append("['");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\'' || c == '\\') {
                path.append('\\');
            }
            path.append(c);
        }
        path.append("']");
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
