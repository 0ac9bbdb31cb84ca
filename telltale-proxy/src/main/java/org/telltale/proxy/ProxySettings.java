package org.telltale.proxy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the proxy listens, whom it serves and what it records.
 *
 * @param listenHost       the address to listen on, e.g. "127.0.0.1" or "0.0.0.0"
 * @param port             the port; 0 for a free one
 * @param allow            the clients served, as CIDR blocks ("192.168.1.0/24", "127.0.0.1/32", "::1/128"; a bare
 *                         address is one host); every other client is refused with a diagnostic
 * @param passthrough      hosts tunnelled without interception: "example.com" is it and its subdomains,
 *                         "*.example.com" only its subdomains
 * @param insecureUpstream true to accept any upstream certificate (no verification at all)
 * @param upstreamTrust    a PEM file of extra trust anchors for upstream certificates, besides the JDK's; or null
 * @param bodyLimit        bytes recorded per body (and per WebSocket direction and part); the rest is streamed
 *                         through unrecorded and the exchange marked incomplete
 * @param tlsKeyLog        a file to append the TLS secrets of both sides to (NSS key log format), or null
 */
public record ProxySettings(String listenHost, int port, List<String> allow, List<String> passthrough,
                            boolean insecureUpstream, Path upstreamTrust, long bodyLimit, Path tlsKeyLog) {
    public ProxySettings {
        Objects.requireNonNull(listenHost, "listenHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        if (bodyLimit < 0) {
            throw new IllegalArgumentException("bodyLimit " + bodyLimit + " is negative");
        }
        allow = List.copyOf(allow);
        passthrough = passthrough == null ? List.of() : List.copyOf(passthrough);
    }
}
