package org.telltale.testkit.pcap;

/**
 * One scripted TCP segment.
 *
 * @param fromClient true when the client sends it
 * @param seq        the sequence number, wrapping at 2^32
 * @param ack        the acknowledgement number
 * @param flags      the TCP flag bits ({@link TcpScript#SYN} and so on)
 * @param payload    the bytes it carries
 */
public record TcpSegment(boolean fromClient, int seq, int ack, int flags, byte[] payload) {
}
