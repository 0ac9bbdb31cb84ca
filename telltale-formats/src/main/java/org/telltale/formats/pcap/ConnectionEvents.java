package org.telltale.formats.pcap;

import org.telltale.api.Exchange;
import org.telltale.api.OpaqueConnection;

/**
 * What the application-protocol layer hands back to the capture layer. Each item carries the
 * packet number where it started, so the capture layer can number flows in the order their
 * request started, whichever connection finishes first.
 */
public interface ConnectionEvents {
    /** A complete (or, when the capture lost data, incomplete) exchange that started at this packet. */
    void exchange(long startPacket, Exchange exchange);

    /** A connection whose content cannot be read (TLS, QUIC), which started at this packet. */
    void opaque(long startPacket, OpaqueConnection connection);

    /** A problem with one connection that did not stop the reading. */
    void diagnostic(long packet, String message);
}
