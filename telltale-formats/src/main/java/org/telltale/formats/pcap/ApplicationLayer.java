package org.telltale.formats.pcap;

import java.time.Instant;

/**
 * What the packet layers hand their payloads to: TCP connections and UDP datagrams. The reader
 * wires in the protocol parsers; tests can wire in a recorder.
 */
interface ApplicationLayer {
    /**
     * A new TCP connection, whose client is known.
     *
     * @param firstPacket the packet that opened it (or the first one seen)
     * @param events      where the connection's exchanges and opaque connections go
     */
    StreamConsumer tcp(TcpEnds ends, long firstPacket, ConnectionEvents events);

    /** One UDP datagram (DNS answers, QUIC Initials). */
    void udp(UdpDatagram datagram, ConnectionEvents events);

    /** A name the capture tool recorded for an address. */
    void hostName(String ip, String name);

    /**
     * The first packet of anything still being put together from UDP datagrams (a QUIC hello
     * spread over several), which may still be reported as starting there; Long.MAX_VALUE when
     * nothing is.
     */
    default long horizon() {
        return Long.MAX_VALUE;
    }

    /** The capture has reached this time: drops what waited too long for the rest of it. */
    default void evictIdle(Instant now) {
    }

    /** The capture ended: reports what is still being put together. */
    default void finish() {
    }
}
