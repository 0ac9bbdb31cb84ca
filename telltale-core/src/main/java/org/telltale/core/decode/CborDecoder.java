package org.telltale.core.decode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * CBOR (RFC 8949), read with Jackson's streaming CBOR parser: declared (application/cbor) or
 * sniffed from a first byte that opens an array or a map (or the self-describe tag d9 d9 f7).
 * Every scalar becomes one child labelled with its path in the JSON style, "cbor:$.user.email",
 * "cbor:$[0].id"; byte strings become children holding their bytes, so what they carry is peeled
 * further. A text or byte string's span in the parent is its content, without the header byte.
 * Undeclared bytes are read only when they are exactly one map or array that ends at the input's
 * end and holds text ({@link #plausible}).
 */
final class CborDecoder implements Decoder {
    static final String NAME = "cbor";
    private static final int MAX_NESTING = 64;
    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(1000)
                    .maxStringLength(32 << 20)
                    .maxNameLength(64 << 10)
                    .build())
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        if (declared(payload)) {
            return Fits.DECLARED_TYPE;
        }
        return startsLikeContainer(payload.data()) ? Fits.STRUCTURE : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        byte[] d = payload.data();
        boolean declared = declared(payload);
        if (!declared && !plausible(d)) {
            return List.of();
        }
        List<Payload> out = new ArrayList<>();
        try {
            read(d, payload, limits.maxChildren(), out, null);
        } catch (IOException | RuntimeException e) {
            if (!out.isEmpty()) {
                throw new PartialDecodeException(Decompression.message(e) + " (kept " + out.size()
                        + " values read before it)", out);
            }
            throw e;
        }
        return out;
    }

    private static boolean declared(Payload payload) {
        String e = MediaTypes.essence(payload.contentType());
        return e.equals("application/cbor") || e.endsWith("+cbor");
    }

    /** A definite or indefinite array or map (major types 4 and 5), or the self-describe tag 55799. */
    static boolean startsLikeContainer(byte[] d) {
        if (d.length < 2) {
            return false;
        }
        int b = d[0] & 0xff;
        boolean container = b >= 0x80 && b <= 0xbb || b == 0x9f || b == 0xbf;
        boolean selfDescribed = d.length > 3 && b == 0xd9 && (d[1] & 0xff) == 0xd9 && (d[2] & 0xff) == 0xf7;
        return container || selfDescribed;
    }

    /**
     * Exactly one array or map that ends at the end of d, whose map keys are text strings, whose text
     * is readable and which holds some: what an encoder of app data writes, and what random bytes
     * almost never are.
     */
    static boolean plausible(byte[] d) {
        if (!startsLikeContainer(d)) {
            return false;
        }
        Shape shape = new Shape();
        try {
            read(d, null, Integer.MAX_VALUE, null, shape);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return shape.roots == 1 && shape.texts > 0 && shape.unreadableTexts == 0 && shape.end == d.length;
    }

    /** What a sniffing read saw. */
    private static final class Shape {
        int roots;
        int texts;
        int unreadableTexts;
        long end;
    }

    /**
     * Reads d; with out, adds a child per scalar (stopping after maxChildren), with shape, records
     * what was seen (and stops at a second root).
     */
    private static void read(byte[] d, Payload payload, int maxChildren, List<Payload> out, Shape shape)
            throws IOException {
        try (JsonParser p = FACTORY.createParser(d)) {
            TokenPath path = new TokenPath(NAME + ":", MAX_NESTING);
            JsonToken t;
            while ((t = p.nextToken()) != null && (out == null || out.size() <= maxChildren)) {
                if (path.depth() == 0) {
                    if (shape != null) {
                        shape.roots++;
                        if (shape.roots > 1 || !t.isStructStart()) {
                            return;
                        }
                    }
                    path.startDocument();
                }
                switch (t) {
                    case START_OBJECT, START_ARRAY -> path.open(t == JsonToken.START_ARRAY);
                    case END_OBJECT, END_ARRAY -> {
                        path.close();
                        if (path.depth() == 0 && shape != null) {
                            shape.end = p.currentLocation().getByteOffset();
                        }
                    }
                    case FIELD_NAME -> {
                        String key = p.currentName();
                        if (shape != null) {
                            long at = p.currentTokenLocation().getByteOffset();
                            int major = at >= 0 && at < d.length ? (d[(int) at] & 0xff) >> 5 : -1;
                            if (major != 3) {
                                // Integer keys (COSE, CWT) are legal, but in a sniffed guess they are what random bytes make.
                                shape.unreadableTexts++;
                            }
                            count(shape, key);
                        }
                        path.field(key);
                    }
                    case VALUE_NULL -> path.next();
                    default -> {
                        path.position();
                        if (shape != null) {
                            if (t == JsonToken.VALUE_STRING) {
                                count(shape, p.getText());
                            }
                        } else {
                            scalar(p, t, d, payload, path.label(), out);
                        }
                        path.next();
                    }
                }
            }
        }
    }

    private static void scalar(JsonParser p, JsonToken t, byte[] d, Payload payload, String label, List<Payload> out)
            throws IOException {
        byte[] value;
        boolean verbatim;
        if (t == JsonToken.VALUE_EMBEDDED_OBJECT) {
            value = p.getBinaryValue();
            verbatim = true;
        } else {
            String text = p.getText();
            if (text == null || text.isEmpty()) {
                return;
            }
            value = Bytes.utf8(text);
            verbatim = t == JsonToken.VALUE_STRING;
        }
        if (value == null || value.length == 0) {
            return;
        }
        int end = (int) p.currentLocation().getByteOffset();
        int start = end - value.length;
        boolean spanKnown = verbatim && start >= 0 && end <= d.length
                && Arrays.equals(d, start, end, value, 0, value.length);
        out.add(payload.child(spanKnown ? Step.of(label, start, end) : Step.of(label, Step.UNKNOWN, Step.UNKNOWN),
                value, null, null));
    }

    private static void count(Shape shape, String text) {
        if (text == null) {
            return;
        }
        byte[] b = Bytes.utf8(text);
        if (b.length >= 2 && (Plausible.text(b) || Plausible.word(b))) {
            shape.texts++;
        } else if (!Plausible.word(b) && !text.isEmpty()) {
            shape.unreadableTexts++;
        }
    }
}
