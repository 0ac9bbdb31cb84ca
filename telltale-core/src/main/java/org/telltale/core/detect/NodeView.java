package org.telltale.core.detect;

import org.telltale.api.NodeContext;
import org.telltale.api.Payload;

/**
 * The engine's context for one node: what every detector reads (the field name, the text) is worked
 * out on first use and then shared, so eleven detectors do not each redo it, and nothing is kept in
 * thread-locals between nodes.
 */
public final class NodeView implements NodeContext {
    private final Payload node;
    private final boolean leaf;
    private final String destinationHost;
    private final String session;
    private String fieldName;
    private NodeText text;

    private NodeView(Payload node, boolean leaf, String destinationHost, String session) {
        this.node = node;
        this.leaf = leaf;
        this.destinationHost = destinationHost;
        this.session = session;
    }

    /** The context of one node of a request to destinationHost. */
    public static NodeView of(Payload node, boolean leaf, String destinationHost, String session) {
        return new NodeView(node, leaf, destinationHost, session);
    }

    @Override
    public Payload node() {
        return node;
    }

    @Override
    public boolean leaf() {
        return leaf;
    }

    @Override
    public String destinationHost() {
        return destinationHost;
    }

    @Override
    public String session() {
        return session;
    }

    @Override
    public String fieldName() {
        if (fieldName == null) {
            fieldName = FieldNames.of(node);
        }
        return fieldName;
    }

    @Override
    public String text() {
        return nodeText().text();
    }

    @Override
    public boolean looksLikeText() {
        return nodeText().looksLikeText();
    }

    NodeText nodeText() {
        if (text == null) {
            text = new NodeText(node.data() == null ? new byte[0] : node.data());
        }
        return text;
    }
}
