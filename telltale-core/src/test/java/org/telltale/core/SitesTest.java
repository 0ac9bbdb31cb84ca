package org.telltale.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SitesTest {
    @Test
    void theRegistrableDomainFollowsThePublicSuffixList() {
        assertThat(Sites.registrableDomain("news.bbc.co.uk")).isEqualTo("bbc.co.uk");
        assertThat(Sites.registrableDomain("sa.api.intl.miui.com")).isEqualTo("miui.com");
        assertThat(Sites.registrableDomain("WWW.Example.ORG.")).isEqualTo("example.org");
    }

    @Test
    void anIpAddressIsItsOwnSite() {
        assertThat(Sites.registrableDomain("161.117.13.29")).isEqualTo("161.117.13.29");
        assertThat(Sites.registrableDomain("[2001:db8::1]")).isEqualTo("2001:db8::1");
    }

    @Test
    void theHostOfAUrlIsFoundEvenWhenTheUrlIsNotAValidUri() {
        assertThat(Sites.hostOf("https://Example.org:8443/a b|c?q=1")).isEqualTo("example.org");
        assertThat(Sites.hostOf("http://user@[2001:db8::1]:80/")).isEqualTo("2001:db8::1");
        assertThat(Sites.hostOf("/relative/only")).isNull();
    }

    @Test
    void aSubdomainIsWithinItsDomainButALookalikeIsNot() {
        assertThat(Sites.isWithin("www.duckduckgo.com", "duckduckgo.com")).isTrue();
        assertThat(Sites.isWithin("duckduckgo.com", "duckduckgo.com")).isTrue();
        assertThat(Sites.isWithin("evilduckduckgo.com", "duckduckgo.com")).isFalse();
    }
}
