package org.telltale.api;

/**
 * Where a finding went.
 *
 * @param host        the host name, or null when only the IP is known
 * @param ip          the server IP, or null when the capture does not say
 * @param port        the server port, or 0
 * @param attribution who is behind it and where
 */
public record Destination(String host, String ip, int port, Attribution attribution) {
    public Destination {
        attribution = attribution == null ? Attribution.NONE : attribution;
    }
}
