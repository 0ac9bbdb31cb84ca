package org.telltale.api;

import java.time.Instant;
import java.util.List;

/**
 * A connection whose content could not be read (TLS, QUIC), kept so the user sees whom the device
 * talked to.
 *
 * @param time     when it started
 * @param origin   where in the input it was found
 * @param protocol "tls", "quic" or another short name
 * @param client   the device side
 * @param server   the server side, host from SNI or DNS when known
 * @param sni      the server name the client asked for; null when none
 * @param alpn     the application protocols the client offered, in order
 * @param app      the app that opened it when the capture says; else null
 * @param reason   why it could not be read, when the reader knows more than "encrypted" (a client
 *                 that refused the recorder's certificate, a host passed through); else null
 * @param payload  the bytes the client sent that no parser read (a game's own protocol over TCP or
 *                 UDP), in order and up to the reader's cap, for the canaries to be searched in; null
 *                 when none were kept (TLS, QUIC, or a reader that keeps none)
 */
public record OpaqueConnection(Instant time, String origin, String protocol, Endpoint client, Endpoint server,
                               String sni, List<String> alpn, String app, String reason, byte[] payload)
        implements Observation {
    public OpaqueConnection {
        alpn = alpn == null ? List.of() : List.copyOf(alpn);
        payload = payload == null || payload.length == 0 ? null : payload;
    }

    /** A connection with no payload kept. */
    public OpaqueConnection(Instant time, String origin, String protocol, Endpoint client, Endpoint server,
                            String sni, List<String> alpn, String app, String reason) {
        this(time, origin, protocol, client, server, sni, alpn, app, reason, null);
    }

    /** A connection that was simply encrypted (or another protocol) with no keys to read it. */
    public OpaqueConnection(Instant time, String origin, String protocol, Endpoint client, Endpoint server,
                            String sni, List<String> alpn, String app) {
        this(time, origin, protocol, client, server, sni, alpn, app, null, null);
    }

    /** The same connection found at another place of its input (the reader renames origins). */
    public OpaqueConnection at(String newOrigin, String newApp) {
        return new OpaqueConnection(time, newOrigin, protocol, client, server, sni, alpn, newApp, reason, payload);
    }

    /** The same connection with the client's raw bytes kept. */
    public OpaqueConnection withPayload(byte[] bytes) {
        return new OpaqueConnection(time, origin, protocol, client, server, sni, alpn, app, reason, bytes);
    }
}
