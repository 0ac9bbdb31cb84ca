package org.telltale.core.decode;

/**
 * The path label of where a Jackson token stream stands ("json:$.user.ids[2]", "cbor:#2$.k"), kept
 * as the stream goes: one StringBuilder cut back to each level's start, so a label costs no more than
 * its own length. Shared by the decoders that read through Jackson's token model (JSON, CBOR), so
 * they name places alike; the caller bounds the nesting (the parser's own depth limit).
 */
final class TokenPath {
    private final String prefix;
    private final StringBuilder path = new StringBuilder(64);
    private final int[] base;
    private final int[] index;
    private final boolean[] array;
    private int depth;
    private int document;

    /** @param prefix the decoder's name and colon ("json:"); maxNesting the parser's depth limit */
    TokenPath(String prefix, int maxNesting) {
        this.prefix = prefix;
        this.base = new int[maxNesting + 2];
        this.index = new int[maxNesting + 2];
        this.array = new boolean[maxNesting + 2];
    }

    /** How deep the stream stands: 0 between top-level values. */
    int depth() {
        return depth;
    }

    /** At depth 0, the next top-level value begins: "PREFIX$", or "PREFIX#n$" for the n-th after the first. */
    void startDocument() {
        document++;
        path.setLength(0);
        path.append(prefix);
        if (document > 1) {
            path.append('#').append(document);
        }
        path.append('$');
        base[0] = path.length();
    }

    /** An object or array starts at the current place. */
    void open(boolean isArray) {
        position();
        depth++;
        base[depth] = path.length();
        index[depth] = 0;
        array[depth] = isArray;
    }

    /** The current object or array ends; the place moves past it. */
    void close() {
        depth--;
        path.setLength(base[depth]);
        next();
    }

    /** A field name inside an object. */
    void field(String key) {
        path.setLength(base[depth]);
        JsonDecoder.appendKey(path, key);
    }

    /** A scalar is at the current place: inside an array, its index is appended. */
    void position() {
        if (depth > 0 && array[depth]) {
            path.setLength(base[depth]);
            path.append('[').append(index[depth]).append(']');
        }
    }

    /** The place moves past a scalar (inside an array, to the next index). */
    void next() {
        if (depth > 0 && array[depth]) {
            index[depth]++;
        }
    }

    /** The label of the current place. */
    String label() {
        return path.toString();
    }
}
