package org.telltale.formats.mitm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Message;

/**
 * Before format version 12 mitmproxy wrote a WebSocket connection as two flows: the HTTP handshake
 * and, later in the file, a "websocket" flow with the messages that names the handshake's id. This
 * puts the messages back into the handshake's exchange. Exchanges after a handshake wait (at most
 * {@link #MAX_WAITING}) until its messages arrive, so that everything still comes out in file order.
 */
final class WebSocketJoin {
    /** Beyond this many waiting exchanges they go out, and messages that come later get their own exchange. */
    static final int MAX_WAITING = 10_000;
    /** Handshakes remembered after they went out, for messages that come late. */
    private static final int MAX_REMEMBERED = 1_000;

    private final CaptureSink sink;
    private final List<Exchange> waiting = new ArrayList<>();
    private final Map<String, Integer> pending = new HashMap<>();
    private final Map<String, Exchange> sent = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Exchange> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private final Map<Integer, String> idAt = new HashMap<>();

    WebSocketJoin(CaptureSink sink) {
        this.sink = sink;
    }

    /** An ordinary exchange. */
    void exchange(Exchange exchange) {
        if (waiting.isEmpty()) {
            sink.observe(exchange);
        } else {
            hold(exchange);
        }
    }

    /** A handshake whose messages come in a later flow. */
    void handshake(String id, Exchange exchange) {
        if (id == null) {
            exchange(exchange);
            return;
        }
        pending.put(id, waiting.size());
        idAt.put(waiting.size(), id);
        hold(exchange);
    }

    /** An old-format "websocket" flow: its messages join the handshake it names. */
    void webSocketFlow(Map<String, Object> flow, String origin) {
        Map<String, Object> metadata = MitmFlow.map(flow.get("metadata"));
        String id = metadata == null ? null : MitmFlow.text(metadata.get("websocket_handshake"));
        List<Message> messages = MitmFlow.messages(flow.get("messages"));
        Integer at = id == null ? null : pending.remove(id);
        if (at != null) {
            waiting.set(at, withMessages(waiting.get(at), waiting.get(at).origin(), messages));
            if (pending.isEmpty()) {
                flush();
            }
            return;
        }
        Exchange earlier = id == null ? null : sent.get(id);
        if (earlier == null) {
            sink.diagnostic(origin, "WebSocket flow whose handshake flow is not in the file; its "
                    + messages.size() + " messages are skipped");
            return;
        }
        sink.diagnostic(origin, "a second WebSocket flow for the handshake in " + earlier.origin()
                + "; its request is repeated here with these messages");
        exchange(withMessages(earlier, origin, messages));
    }

    /** Sends everything still waiting, handshakes without messages included. */
    void flush() {
        for (int i = 0; i < waiting.size(); i++) {
            Exchange exchange = waiting.get(i);
            String id = idAt.get(i);
            if (id != null) {
                sent.put(id, exchange);
            }
            sink.observe(exchange);
        }
        waiting.clear();
        pending.clear();
        idAt.clear();
    }

    private void hold(Exchange exchange) {
        waiting.add(exchange);
        if (waiting.size() > MAX_WAITING) {
            flush();
        }
    }

    private static Exchange withMessages(Exchange exchange, String origin, List<Message> messages) {
        List<Message> all = new ArrayList<>(exchange.messages());
        all.addAll(messages);
        return new Exchange(exchange.time(), origin, exchange.client(), exchange.server(), exchange.request(),
                exchange.response(), all, exchange.app(), exchange.incomplete());
    }
}
