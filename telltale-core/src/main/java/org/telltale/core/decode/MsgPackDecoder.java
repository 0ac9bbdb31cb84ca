package org.telltale.core.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * MessagePack, read with msgpack-core's MessageUnpacker: declared (application/msgpack,
 * application/x-msgpack, application/vnd.msgpack) or sniffed from a first byte that opens a map or
 * an array. Every scalar becomes one child labelled with its path in the JSON style,
 * "msgpack:$.user.email", "msgpack:$[0].id" (integer keys are written as their number); strings and
 * binary values keep their span in the parent (the content, without the header). Extension values
 * are binary children too, except timestamps. Undeclared bytes are read only when they are exactly
 * one map or array, ending at the input's end, whose map keys are all readable strings and which holds
 * text ({@link #plausible}).
 */
final class MsgPackDecoder implements Decoder {
    static final String NAME = "msgpack";
    private static final int MAX_NESTING = 64;
    private static final MessagePack.UnpackerConfig CONFIG = new MessagePack.UnpackerConfig()
            .withActionOnMalformedString(CodingErrorAction.REPORT)
            .withActionOnUnmappableString(CodingErrorAction.REPORT);

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
        Reader reader = new Reader(d, payload, limits.maxChildren());
        try {
            reader.all();
        } catch (IOException | RuntimeException e) {
            if (!reader.out.isEmpty()) {
                throw new PartialDecodeException(Decompression.message(e) + " (kept " + reader.out.size()
                        + " values read before it)", reader.out);
            }
            throw e;
        }
        return reader.out;
    }

    private static boolean declared(Payload payload) {
        String e = MediaTypes.essence(payload.contentType());
        return e.equals("application/msgpack") || e.equals("application/x-msgpack")
                || e.equals("application/vnd.msgpack") || e.endsWith("+msgpack");
    }

    /** fixmap, fixarray, map 16/32 or array 16/32. */
    static boolean startsLikeContainer(byte[] d) {
        if (d.length < 2) {
            return false;
        }
        int b = d[0] & 0xff;
        return b >= 0x80 && b <= 0x9f || b >= 0xdc && b <= 0xdf;
    }

    /** One whole map or array, readable string keys, some text: what an encoder writes, not random bytes. */
    static boolean plausible(byte[] d) {
        if (!startsLikeContainer(d)) {
            return false;
        }
        Reader reader = new Reader(d, null, Integer.MAX_VALUE);
        try {
            reader.all();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return reader.roots == 1 && reader.texts > 0 && !reader.odd;
    }

    /** One pass over d: children when payload is given, else only what a sniff needs to judge. */
    private static final class Reader {
        final byte[] d;
        final Payload payload;
        final int maxChildren;
        final List<Payload> out = new ArrayList<>();
        final StringBuilder path = new StringBuilder(64);
        int roots;
        int texts;
        /** Something an encoder of app data would not write: a non-string key, unreadable text, a reserved byte. */
        boolean odd;
        private final MessageUnpacker in;

        Reader(byte[] d, Payload payload, int maxChildren) {
            this.d = d;
            this.payload = payload;
            this.maxChildren = maxChildren;
            this.in = CONFIG.newUnpacker(d);
        }

        boolean sniffing() {
            return payload == null;
        }

        void all() throws IOException {
            while (in.hasNext() && out.size() <= maxChildren) {
                roots++;
                if (sniffing() && roots > 1) {
                    return;
                }
                path.setLength(0);
                path.append(NAME).append(':');
                if (roots > 1) {
                    path.append('#').append(roots);
                }
                path.append('$');
                value(0);
            }
        }

        private void value(int depth) throws IOException {
            if (depth > MAX_NESTING) {
                throw new IOException("nesting deeper than " + MAX_NESTING);
            }
            MessageFormat f = in.getNextFormat();
            if (f == MessageFormat.NEVER_USED) {
                throw new IOException("reserved byte 0xc1");
            }
            int mark = path.length();
            switch (f.getValueType()) {
                case MAP -> {
                    int n = in.unpackMapHeader();
                    checkCount(n, 2);
                    for (int i = 0; i < n && out.size() <= maxChildren; i++) {
                        String key = key();
                        path.setLength(mark);
                        JsonDecoder.appendKey(path, key);
                        value(depth + 1);
                    }
                }
                case ARRAY -> {
                    int n = in.unpackArrayHeader();
                    checkCount(n, 1);
                    for (int i = 0; i < n && out.size() <= maxChildren; i++) {
                        path.setLength(mark);
                        path.append('[').append(i).append(']');
                        value(depth + 1);
                    }
                }
                case NIL -> in.unpackNil();
                case BOOLEAN -> add(Bytes.utf8(Boolean.toString(in.unpackBoolean())), -1);
                case INTEGER -> add(Bytes.utf8(in.unpackValue().toString()), -1);
                case FLOAT -> add(Bytes.utf8(Double.toString(in.unpackDouble())), -1);
                case STRING -> {
                    int n = in.unpackRawStringHeader();
                    checkCount(n, 1);
                    byte[] s = in.readPayload(n);
                    boolean readable = utf8(s);
                    if (sniffing()) {
                        countText(s, readable);
                    }
                    add(s, position() - n);
                }
                case BINARY -> {
                    int n = in.unpackBinaryHeader();
                    checkCount(n, 1);
                    byte[] b = in.readPayload(n);
                    add(b, position() - n);
                }
                case EXTENSION -> {
                    var header = in.unpackExtensionTypeHeader();
                    checkCount(header.getLength(), 1);
                    byte[] b = in.readPayload(header.getLength());
                    if (header.getType() != -1) {
                        add(b, position() - b.length);
                    }
                }
                default -> throw new IOException("unknown format " + f);
            }
            path.setLength(mark);
        }

        private String key() throws IOException {
            MessageFormat f = in.getNextFormat();
            if (f.getValueType() == ValueType.STRING) {
                int n = in.unpackRawStringHeader();
                checkCount(n, 1);
                byte[] s = in.readPayload(n);
                boolean readable = utf8(s);
                if (sniffing()) {
                    countText(s, readable);
                    if (!Plausible.word(s) && !readable) {
                        odd = true;
                    }
                }
                return new String(s, StandardCharsets.UTF_8);
            }
            if (f.getValueType() == ValueType.INTEGER) {
                odd |= sniffing();
                return in.unpackValue().toString();
            }
            odd = true;
            if (sniffing()) {
                throw new IOException("a key that is neither a string nor an integer");
            }
            return in.unpackValue().toString();
        }

        private void countText(byte[] s, boolean readable) {
            if (s.length >= 2 && (Plausible.word(s) || readable && Plausible.text(s))) {
                texts++;
            } else if (s.length > 0 && !Plausible.word(s)) {
                odd = true;
            }
        }

        /** A count cannot promise more values than bytes are left, each at least perByte long. */
        private void checkCount(long n, int minBytesEach) throws IOException {
            if (n < 0 || n * minBytesEach > d.length - position()) {
                throw new IOException("a length of " + n + " past the end of the input");
            }
        }

        private int position() {
            return (int) in.getTotalReadBytes();
        }

        private void add(byte[] value, int start) {
            if (sniffing() || value.length == 0) {
                return;
            }
            Step step = start >= 0 ? Step.of(path.toString(), start, start + value.length)
                    : Step.of(path.toString(), Step.UNKNOWN, Step.UNKNOWN);
            out.add(payload.child(step, value, null, null));
        }

        private static boolean utf8(byte[] s) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(s));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }
    }
}
