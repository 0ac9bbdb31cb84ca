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
        TokenPath path = new TokenPath("json:", MAX_NESTING);
        JsonToken t;
        while ((t = p.nextToken()) != null && out.size() <= maxChildren) {
            if (path.depth() == 0) {
                path.startDocument();
            }
            switch (t) {
                case START_OBJECT, START_ARRAY -> path.open(t == JsonToken.START_ARRAY);
                case END_OBJECT, END_ARRAY -> path.close();
                case FIELD_NAME -> path.field(p.currentName());
                case VALUE_NULL -> path.next();
                default -> {
                    path.position();
                    long start = p.currentTokenLocation().getByteOffset();
                    String text = p.getText();
                    if (!text.isEmpty()) {
                        out.add(payload.childAt(path.label(), (int) start, (int) p.currentLocation().getByteOffset(),
                                Bytes.utf8(text)));
                    }
                    path.next();
                }
            }
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
