package org.telltale.formats.pcap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.telltale.formats.pcap.proto.HostNames;

/**
 * Names learnt for addresses from the capture's DNS answers and name resolution blocks. Addresses
 * are kept in one textual form whichever form they came in. Bounded: the oldest entries go first.
 */
final class HostNameTable implements HostNames {
    static final int MAX_ENTRIES = 100_000;

    private final Map<String, String> names = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    void put(String ip, String name) {
        if (ip != null && name != null && !name.isEmpty()) {
            names.put(normal(ip), name);
        }
    }

    @Override
    public String nameFor(String ip) {
        return ip == null ? null : names.get(normal(ip));
    }

    /** IPv6 comes in several spellings; IPv4 has one. */
    private static String normal(String ip) {
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        try {
            // A string with a colon is parsed as an IPv6 literal and never looked up in DNS.
            byte[] b = InetAddress.getByName(ip).getAddress();
            return IpText.format(b, 0, b.length);
        } catch (UnknownHostException | SecurityException e) {
            return ip;
        }
    }
}
