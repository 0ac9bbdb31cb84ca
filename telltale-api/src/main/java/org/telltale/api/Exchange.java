package org.telltale.api;

import java.time.Instant;
import java.util.List;

/**
 * One request the device sent and what came back.
 *
 * @param time       when the request started; null when the capture does not say
 * @param origin     where in the input it was found ("entry 12", "packet 3041", "flow 7")
 * @param client     the device side
 * @param server     the server side; host from the URL or Host header when the capture has no other
 * @param request    what was sent
 * @param response   what came back; null when there was no response
 * @param messages   WebSocket messages after the upgrade, in order; empty for plain HTTP
 * @param app        the app that sent it when the capture says (PCAPdroid trailers); else null
 * @param incomplete true when part of the exchange was lost (missing segments, truncated body)
 */
public record Exchange(Instant time, String origin, Endpoint client, Endpoint server, HttpRequest request,
                       HttpResponse response, List<Message> messages, String app, boolean incomplete)
        implements Observation {
    public Exchange {
        client = client == null ? Endpoint.UNKNOWN : client;
        server = server == null ? Endpoint.UNKNOWN : server;
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
