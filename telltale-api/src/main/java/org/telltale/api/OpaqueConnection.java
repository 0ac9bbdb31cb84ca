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
 */
public record OpaqueConnection(Instant time, String origin, String protocol, Endpoint client, Endpoint server,
                               String sni, List<String> alpn, String app, String reason) implements Observation {
    public OpaqueConnection {
        alpn = alpn == null ? List.of() : List.copyOf(alpn);
    }

    /** A connection that was simply encrypted (or another protocol) with no keys to read it. */
    public OpaqueConnection(Instant time, String origin, String protocol, Endpoint client, Endpoint server,
                            String sni, List<String> alpn, String app) {
        this(time, origin, protocol, client, server, sni, alpn, app, null);
    }
}
