package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FlowKeyTest {
    @Test
    void bothDirectionsOfAConnectionHaveOneKey() throws UnknownHostException {
        byte[] client = ip("10.0.0.2");
        byte[] server = ip("192.0.2.1");

        assertThat(FlowKey.of(client, 40000, server, 443)).isEqualTo(FlowKey.of(server, 443, client, 40000))
                .hasSameHashCodeAs(FlowKey.of(server, 443, client, 40000));
    }

    @Test
    void swappedPortsBetweenTheSameAddressesAreAnotherConnection() throws UnknownHostException {
        byte[] a = ip("10.0.0.2");
        byte[] b = ip("10.0.0.3");

        assertThat(FlowKey.of(a, 1000, b, 2000)).isNotEqualTo(FlowKey.of(a, 2000, b, 1000));
    }

    @Test
    void anIpv4AddressIsNotTheIpv6AddressWithTheSameLowBits() throws UnknownHostException {
        assertThat(FlowKey.of(ip("0.0.0.1"), 80, ip("0.0.0.2"), 5000))
                .isNotEqualTo(FlowKey.of(ip("::1"), 80, ip("::2"), 5000));
    }

    @Test
    void distinctConnectionsHaveDistinctKeysAndTheSameConnectionOneKey() {
        Random random = new Random(7);
        Set<String> connections = new HashSet<>();
        Set<FlowKey> keys = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            byte[] a = new byte[random.nextBoolean() ? 4 : 16];
            byte[] b = new byte[a.length];
            random.nextBytes(a);
            random.nextBytes(b);
            // few distinct values, so equal addresses and ports come up often
            a[a.length - 1] &= 3;
            b[b.length - 1] &= 3;
            int aPort = random.nextInt(3);
            int bPort = random.nextInt(3);
            String one = java.util.Arrays.toString(a) + aPort;
            String other = java.util.Arrays.toString(b) + bPort;
            connections.add(one.compareTo(other) < 0 ? one + other : other + one);
            keys.add(FlowKey.of(a, aPort, b, bPort));
            keys.add(FlowKey.of(b, bPort, a, aPort));
        }

        assertThat(keys).hasSameSizeAs(connections);
    }

    private static byte[] ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal).getAddress();
    }
}
