package org.telltale.formats.pcap;

/**
 * The bytes the pcap reader may hold while it waits, in one place. Both are totals over the whole
 * capture, not per connection: a capture with one request that is never answered, or with many
 * connections that each lost one early byte, must not cost memory in proportion to its size.
 *
 * @param forFlowOrder finished exchanges held back so that flows are numbered in the order their
 *                     requests started ({@link FlowOrder})
 * @param behindHoles  bytes that arrived after a TCP hole and wait for it to be filled, over all
 *                     connections ({@link HoleBudget}); each direction also has its own cap
 */
record WaitingBounds(long forFlowOrder, long behindHoles) {
    /** 64 MiB each. */
    static final WaitingBounds DEFAULT = new WaitingBounds(64L << 20, 64L << 20);
}
