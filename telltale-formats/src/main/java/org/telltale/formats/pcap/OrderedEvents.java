package org.telltale.formats.pcap;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.OpaqueConnection;

/**
 * Receives one connection's (or the UDP layer's) events: names each item after the packet where
 * it started, adds the app the capture named, and queues it in flow order.
 */
final class OrderedEvents implements ConnectionEvents {
    private final FlowOrder order;
    private final CaptureSink sink;
    private String app;
    private boolean changed;

    OrderedEvents(FlowOrder order, CaptureSink sink) {
        this.order = order;
        this.sink = sink;
    }

    /** The app that owns this connection, once a packet says so. */
    void app(String name) {
        if (name != null) {
            app = name;
        }
    }

    /** Whether an item arrived since the last call; the flow order may then release some. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    @Override
    public void exchange(long startPacket, Exchange e) {
        changed = true;
        order.hold(startPacket, new Exchange(e.time(), "packet " + startPacket, e.client(), e.server(), e.request(),
                e.response(), e.messages(), e.app() != null ? e.app() : app, e.incomplete()));
    }

    @Override
    public void opaque(long startPacket, OpaqueConnection c) {
        changed = true;
        order.hold(startPacket, c.at("packet " + startPacket, c.app() != null ? c.app() : app));
    }

    @Override
    public void diagnostic(long packet, String message) {
        changed = true;
        sink.diagnostic("packet " + packet, message);
    }
}
