package org.telltale.core.detect.builtin;

import java.util.function.Function;

import org.telltale.api.Payload;

/**
 * Remembers one value computed from the node most recently seen on this thread. The engine shows
 * each node to every detector in turn, so the field name and the text of a node are worked out
 * once instead of once per detector; the detectors themselves stay stateless.
 */
final class PerNode<T> {
    private final Function<Payload, T> compute;
    private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

    PerNode(Function<Payload, T> compute) {
        this.compute = compute;
    }

    @SuppressWarnings("unchecked")
    T of(Payload node) {
        Object[] slot = last.get();
        if (slot[0] != node) {
            slot[1] = compute.apply(node);
            slot[0] = node;
        }
        return (T) slot[1];
    }
}
