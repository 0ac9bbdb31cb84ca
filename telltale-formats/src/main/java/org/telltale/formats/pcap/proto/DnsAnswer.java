package org.telltale.formats.pcap.proto;

/**
 * One address from a DNS response.
 *
 * @param name    the name the client asked for (in lower case), after following CNAME records back from the address
 * @param address the IPv4 or IPv6 address in the JDK's textual form ({@code InetAddress.getHostAddress()})
 */
public record DnsAnswer(String name, String address) {
}
