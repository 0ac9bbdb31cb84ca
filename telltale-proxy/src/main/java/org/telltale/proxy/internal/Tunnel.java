package org.telltale.proxy.internal;

/**
 * Where a client asked its CONNECT or SOCKS tunnel to go.
 *
 * @param host the host name or IP address as the client gave it
 * @param port the port
 */
public record Tunnel(String host, int port) {
    /** "host:port", with an IPv6 address in brackets. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
