package org.telltale.proxy.internal;

/**
 * An upstream server to forward requests to.
 *
 * @param tls         true to speak TLS to it
 * @param connectHost the host name or address to connect to
 * @param port        the port
 * @param serverName  the name to ask for (SNI) and to verify its certificate against
 * @param http1Only   true to offer only HTTP/1.1 (a WebSocket upgrade needs it)
 */
public record Target(boolean tls, String connectHost, int port, String serverName, boolean http1Only) {
    /** "host:port" for messages. */
    public String describe() {
        return (serverName.indexOf(':') >= 0 ? "[" + serverName + "]" : serverName) + ":" + port;
    }
}
