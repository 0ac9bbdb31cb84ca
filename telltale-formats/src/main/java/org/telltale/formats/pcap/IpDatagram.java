package org.telltale.formats.pcap;

/**
 * One IP datagram's transport part, after any fragments were put back together. Its arrays are only
 * valid during the call that hands it over.
 *
 * @param source      the source address (4 or 16 bytes)
 * @param destination the destination address
 * @param protocol    the transport protocol number (6 TCP, 17 UDP)
 * @param buf         the array holding the transport header and payload
 * @param off         where they start in {@code buf}
 * @param len         how many bytes the capture holds
 * @param missing     how many more bytes the datagram had on the wire (cut by the snapshot length)
 */
record IpDatagram(byte[] source, byte[] destination, int protocol, byte[] buf, int off, int len, int missing) {
}
