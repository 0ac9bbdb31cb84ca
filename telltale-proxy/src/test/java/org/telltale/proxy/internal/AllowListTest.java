package org.telltale.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class AllowListTest {
    private static InetSocketAddress at(String ip) {
        return new InetSocketAddress(ip, 5555);
    }

    @Test
    void clientsInsideABlockAreAllowedAndOthersNot() {
        AllowList allow = AllowList.parse(List.of("192.168.1.0/24", "127.0.0.1/32", "::1/128", "10.0.0.7"));

        assertThat(allow.allows(at("192.168.1.200"))).isTrue();
        assertThat(allow.allows(at("192.168.2.1"))).isFalse();
        assertThat(allow.allows(at("127.0.0.1"))).isTrue();
        assertThat(allow.allows(at("127.0.0.2"))).isFalse();
        assertThat(allow.allows(at("::1"))).isTrue();
        assertThat(allow.allows(at("10.0.0.7"))).isTrue();
        assertThat(allow.allows(at("10.0.0.8"))).isFalse();
    }

    @Test
    void anEmptyListAllowsNobody() {
        assertThat(AllowList.parse(List.of()).allows(at("127.0.0.1"))).isFalse();
    }

    @Test
    void aBadEntryIsNamed() {
        assertThatThrownBy(() -> AllowList.parse(List.of("192.168.1.0/33"))).hasMessageContaining("192.168.1.0/33");
        assertThatThrownBy(() -> AllowList.parse(List.of("example.com"))).hasMessageContaining("example.com");
    }

    @Test
    void passthroughPatternsMatchAHostAndItsSubdomainsOrOnlySubdomains() {
        PassthroughHosts hosts = new PassthroughHosts(List.of("example.com", "*.bank.test"));

        assertThat(hosts.matches("example.com")).isTrue();
        assertThat(hosts.matches("api.example.com")).isTrue();
        assertThat(hosts.matches("EXAMPLE.COM.")).isTrue();
        assertThat(hosts.matches("notexample.com")).isFalse();
        assertThat(hosts.matches("bank.test")).isFalse();
        assertThat(hosts.matches("www.bank.test")).isTrue();
        assertThat(hosts.matches(null)).isFalse();
    }
}
