package org.telltale.formats.pcap.proto;

import java.util.List;

/**
 * What a TLS ClientHello says in the clear about where it goes.
 *
 * @param sni  the server name from the server_name extension; null when the client sent none
 * @param alpn the application protocols the client offered, in order; empty when none
 */
public record ClientHelloInfo(String sni, List<String> alpn) {
    public ClientHelloInfo {
        alpn = alpn == null ? List.of() : List.copyOf(alpn);
    }
}
