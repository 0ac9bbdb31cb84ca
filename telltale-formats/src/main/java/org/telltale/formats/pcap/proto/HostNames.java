package org.telltale.formats.pcap.proto;

/** Names learnt for IP addresses, from the DNS answers seen earlier in the same capture. */
public interface HostNames {
    /** The name the device asked for that resolved to this address, or null when unknown. */
    String nameFor(String ip);
}
