package org.telltale.api;

/**
 * One side of a connection.
 *
 * @param host the host name, from the Host header, SNI, DNS or the URL; null when unknown
 * @param ip   the IP address in its textual form; null when the capture does not say
 * @param port the TCP or UDP port; 0 when unknown
 */
public record Endpoint(String host, String ip, int port) {
    public static final Endpoint UNKNOWN = new Endpoint(null, null, 0);
}
