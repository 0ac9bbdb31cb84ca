package org.telltale.core.detect;

import java.nio.charset.StandardCharsets;

import org.telltale.api.NodeContext;

/**
 * A node's bytes seen as text, one char per byte (ISO-8859-1), so that every index into the text
 * is also the byte offset a Detection reports. Only the first {@link #MAX_SCAN} bytes are seen:
 * captured content is hostile and detectors must stay linear and bounded.
 */
public final class NodeText {
    /** The most bytes of one node any built-in detector looks at. */
    public static final int MAX_SCAN = 1 << 20;

    private final byte[] data;
    private final String text;
    private Boolean textLike;

    NodeText(byte[] data) {
        this.data = data;
        int n = Math.min(data.length, MAX_SCAN);
        this.text = new String(data, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The text of the node, worked out once for every detector when the engine made the context. */
    public static NodeText of(NodeContext node) {
        return node instanceof NodeView v ? v.nodeText() : new NodeText(node.node().data());
    }

    /** The text of a leaf that reads as text, or null for an inner node or binary bytes. */
    public static NodeText ofTextLeaf(NodeContext node) {
        if (!node.leaf()) {
            return null;
        }
        NodeText text = of(node);
        return text.looksLikeText() ? text : null;
    }

    /** The text, one char per byte. */
    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** The bytes [start, end) read as UTF-8, as a person would read them. */
    public String utf8(int start, int end) {
        return new String(data, start, end - start, StandardCharsets.UTF_8);
    }

    /** True when the node looks like text rather than binary (few control bytes). */
    public boolean looksLikeText() {
        if (textLike == null) {
            textLike = countsAsText();
        }
        return textLike;
    }

    private boolean countsAsText() {
        int n = Math.min(text.length(), 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                control++;
            }
        }
        return control * 100 <= n;
    }

    /**
     * The whole value without surrounding white space, when it is no longer than maxLength
     * bytes; else null. Most detectors judge a leaf by its whole value, never by a piece of it.
     */
    public Span whole(int maxLength) {
        int start = 0;
        int end = text.length();
        if (data.length > MAX_SCAN) {
            return null;
        }
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end || end - start > maxLength) {
            return null;
        }
        return new Span(start, end, text.substring(start, end));
    }

    /**
     * A stretch of the node.
     *
     * @param start the offset of its first byte
     * @param end   the offset just past its last byte
     * @param text  its bytes, one char per byte
     */
    public record Span(int start, int end, String text) {
    }
}
