package org.telltale.formats.har;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.telltale.api.CaptureException;

/**
 * The tokens of one JSON object, read from a streaming parser, that give up (and skip the rest of the
 * object, token by token, without keeping it) once the object spans more than a set number of bytes
 * of input or holds a place where {@link BoundedJsonInput} cut a string, number or nesting. Every
 * token of the object passes {@link #next}, skipped ones too, so a cut in a field nobody reads still
 * marks the object.
 */
final class BoundedTokens {
    /** What reads the object, token by token through {@link #next}. */
    interface Body<T> {
        T read() throws IOException, TooLarge, CaptureException;
    }

    private final JsonParser parser;
    private final long maxBytes;
    private final BoundedJsonInput input;
    private long start;
    private String problem;

    BoundedTokens(JsonParser parser, long maxBytes, BoundedJsonInput input) {
        this.parser = parser;
        this.maxBytes = maxBytes;
        this.input = input;
    }

    /**
     * Reads the object whose START_OBJECT is the current token with {@code body}. Returns null when it
     * was too large or cut ({@link #problem()} says which); the parser then stands on its END_OBJECT
     * either way, provided {@code body} read to it.
     */
    <T> T read(Body<T> body) throws IOException, CaptureException {
        start = parser.currentTokenLocation().getByteOffset();
        problem = null;
        int depth = parser.getParsingContext().getNestingDepth();
        try {
            return body.read();
        } catch (TooLarge e) {
            problem = e.problem;
            while (parser.getParsingContext().getNestingDepth() >= depth) {
                if (parser.nextToken() == null) {
                    throw endsInEntry();
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

    /** The next token of the object. */
    JsonToken next() throws IOException, TooLarge, CaptureException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw endsInEntry();
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
        BoundedJsonInput.Cut cut = input.firstCut(start, offset);
        if (cut != null) {
            throw new TooLarge("holds " + cut.what() + " at line " + cut.line() + ", column " + cut.column());
        }
        return token;
    }

    /**
     * Passes over the value that starts with {@code token}, through {@link #next} rather than
     * {@link JsonParser#skipChildren()} so that its tokens are bounded and an end of file inside it is
     * told as in any other place of the entry. Jackson does not decode a string nobody asks for.
     */
    void skip(JsonToken token) throws IOException, TooLarge, CaptureException {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        for (int open = 1; open > 0; ) {
            JsonToken t = next();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                open++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                open--;
            }
        }
    }

    private CaptureException endsInEntry() {
        return new CaptureException(HarReader.place(parser.currentLocation()),
                "the file ends in the middle of an entry");
    }

    /** Unwinds the reading when the object grew past a bound. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
        final String problem;

        TooLarge(String problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }
}
