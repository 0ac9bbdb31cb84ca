package org.telltale.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.Message;
import org.telltale.api.Payload;

/**
 * The places in an exchange where data leaves the device, as root payloads: the URL, each header,
 * each cookie, the body and the outbound WebSocket messages. Responses are never roots.
 */
final class RequestRoots {
    private RequestRoots() {
    }

    static List<Payload> of(Exchange exchange) {
        HttpRequest request = exchange.request();
        List<Payload> roots = new ArrayList<>();
        roots.add(Payload.root("request.url", utf8(request.url()), null, null));
        for (Header h : request.headers()) {
            if (h.name().equalsIgnoreCase("cookie")) {
                addCookies(h.value(), roots);
            } else if (!h.name().startsWith(":")) {
                roots.add(Payload.root("request.header:" + h.name(), utf8(h.value()), null, null));
            }
        }
        if (request.body().length > 0) {
            roots.add(Payload.root("request.body", request.body(), request.header("Content-Type"),
                    request.header("Content-Encoding")));
        }
        List<Message> messages = exchange.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.fromClient()) {
                roots.add(Payload.root("request.websocket:" + i, m.data(), null, null));
            }
        }
        return roots;
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
            roots.add(Payload.root("request.cookie:" + name, utf8(value), null, null));
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
