package org.telltale.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.Location;
import org.telltale.api.Message;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.Payload;

/**
 * The places in an exchange where data leaves the device, as root payloads: the URL, each header,
 * each cookie, the body and the outbound WebSocket messages. Responses are never roots. The order is
 * fixed, so each root's {@link Location#index()} finds it again when a finding is replayed. A
 * connection no parser read has one root: the raw bytes its client sent.
 */
public final class RequestRoots {
    private RequestRoots() {
    }

    /** Every root of the exchange, in order. */
    public static List<Payload> of(Exchange exchange) {
        HttpRequest request = exchange.request();
        List<Payload> roots = new ArrayList<>();
        roots.add(root(Location.Kind.URL, "", roots, utf8(request.url()), null, null));
        for (Header h : request.headers()) {
            if (h.name().equalsIgnoreCase("cookie")) {
                addCookies(h.value(), roots);
            } else if (!h.name().startsWith(":")) {
                roots.add(root(Location.Kind.HEADER, h.name(), roots, utf8(h.value()), null, null));
            }
        }
        if (request.body().length > 0) {
            roots.add(root(Location.Kind.BODY, "", roots, request.body(), request.header("Content-Type"),
                    request.header("Content-Encoding")));
        }
        List<Message> messages = exchange.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.fromClient()) {
                roots.add(root(Location.Kind.WEBSOCKET, Integer.toString(i), roots, m.data(), null, null));
            }
        }
        return roots;
    }

    /** The one root of a connection no parser read: its client's raw bytes; null when it kept none. */
    public static Payload of(OpaqueConnection c) {
        if (c.payload() == null) {
            return null;
        }
        Location.Kind kind = c.protocol().equals("udp") ? Location.Kind.UDP_PAYLOAD : Location.Kind.TCP_PAYLOAD;
        return Payload.root(new Location(kind, "", 0), c.payload(), null, null);
    }

    private static Payload root(Location.Kind kind, String name, List<Payload> before, byte[] data, String type,
                                String encoding) {
        return Payload.root(new Location(kind, name, before.size()), data, type, encoding);
    }

    private static void addCookies(String header, List<Payload> roots) {
        for (String pair : header.split(";")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? "" : p.substring(0, eq).trim();
            String value = eq < 0 ? p : p.substring(eq + 1).trim();
            roots.add(root(Location.Kind.COOKIE, name, roots, utf8(value), null, null));
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
