package org.telltale.formats.pcap;

import java.time.Instant;

/**
 * One UDP datagram's payload and where it went.
 *
 * @param source          the sender's address (4 or 16 bytes)
 * @param sourcePort      the sender's port
 * @param destination     the receiver's address
 * @param destinationPort the receiver's port
 * @param packet          the packet number
 * @param time            the capture time, or null
 * @param app             the sending app when the capture says (PCAPdroid trailer), else null
 * @param buf             the array holding the payload, only valid during the call
 * @param off             where the payload starts
 * @param len             the payload length
 */
record UdpDatagram(byte[] source, int sourcePort, byte[] destination, int destinationPort, long packet, Instant time,
                   String app, byte[] buf, int off, int len) {
}
