package org.telltale.formats.pcap;

/**
 * The two ends of one TCP connection, the client being the side that sent the SYN (or, for a
 * connection caught mid-way, the side judged to be the client).
 *
 * @param clientIp   the client address in textual form
 * @param clientPort the client port
 * @param serverIp   the server address in textual form
 * @param serverPort the server port
 */
public record TcpEnds(String clientIp, int clientPort, String serverIp, int serverPort) {
}
