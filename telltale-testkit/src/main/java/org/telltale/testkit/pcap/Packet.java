package org.telltale.testkit.pcap;

import java.time.Instant;

/**
 * One packet to write into a capture.
 *
 * @param time when it was captured
 * @param ip   the IP packet (IPv4 or IPv6), without any link-layer header
 */
public record Packet(Instant time, byte[] ip) {
}
