package org.telltale.formats.pcap.proto;

import org.telltale.api.Endpoint;
import org.telltale.formats.pcap.ConnectionEvents;
import org.telltale.formats.pcap.TcpEnds;

/**
 * What every reader of one connection needs to know about it and to report to.
 *
 * @param ends       the two TCP ends as captured
 * @param origin     the connection's description for diagnostics ("tcp 10.0.0.2:51234 -> 1.2.3.4:80")
 * @param names      names learnt from DNS; may be null
 * @param events     where exchanges, opaque connections and diagnostics go
 * @param limits     how much of the connection is kept
 * @param tunnelHost inside a CONNECT tunnel, the host the proxy was asked for; else null
 * @param tunnelPort inside a CONNECT tunnel, the port the proxy was asked for; else 0
 */
record ConnectionContext(TcpEnds ends, String origin, HostNames names, ConnectionEvents events, HttpLimits limits,
                         String tunnelHost, int tunnelPort) {

    /** The context of the connection carried inside a CONNECT tunnel of this one. */
    ConnectionContext tunnel(String host, int port) {
        return new ConnectionContext(ends, origin + " via CONNECT " + host + ":" + port, names, events, limits, host, port);
    }

    Endpoint client() {
        return new Endpoint(null, ends.clientIp(), ends.clientPort());
    }

    /**
     * The server side, named by the given host (from SNI or Host) or else by what is known of its
     * address. Inside a tunnel, the address is the proxy's, so only the tunnel's target is given.
     */
    Endpoint server(String host) {
        if (tunnelHost != null) {
            return new Endpoint(host != null ? host : tunnelHost, null, tunnelPort);
        }
        return new Endpoint(host != null ? host : knownName(), ends.serverIp(), ends.serverPort());
    }

    /** The server's name from DNS, or null. */
    String knownName() {
        return names == null || ends.serverIp() == null ? null : names.nameFor(ends.serverIp());
    }

    /** The default port of the server side: the tunnel's port inside one, else the TCP port. */
    int serverPort() {
        return tunnelHost != null ? tunnelPort : ends.serverPort();
    }

    void diagnostic(long packet, String message) {
        events.diagnostic(packet, origin + ": " + message);
    }
}
