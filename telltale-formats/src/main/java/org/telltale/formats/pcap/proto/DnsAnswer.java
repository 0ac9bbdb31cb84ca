package org.telltale.formats.pcap.proto;

/**
 * One address from a DNS response.
 *
 * @param name    the name the client asked for (in lower case), after following CNAME records back from the address
 * @param address the IPv4 address as a dotted quad or the IPv6 address in its RFC 5952 form
 */
public record DnsAnswer(String name, String address) {
}
