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
    void theHostOfAPlainHttpUrlIsItsAuthorityInLowerCaseWithoutPortOrTrailingDots() {
        assertThat(Sites.hostOf("https://WWW.Example.COM.:443/x?y=1")).isEqualTo("www.example.com");
        assertThat(Sites.hostOf("http://a-.example/")).isEqualTo("a-.example");
        assertThat(Sites.hostOf("http://123.example#top")).isEqualTo("123.example");
        assertThat(Sites.hostOf("http://10.0.0.1:8080")).isEqualTo("10.0.0.1");
        assertThat(Sites.hostOf("https:///no-host")).isNull();
    }

    @Test
    void aHostWithUnusualCharactersIsReadAsBefore() {
        assertThat(Sites.hostOf("http://user:pw@Host.example:80/")).isEqualTo("host.example");
        assertThat(Sites.hostOf("http://host_name.example/")).isEqualTo("host_name.example");
        assertThat(Sites.hostOf("http://host.example:8x/")).isEqualTo("host.example");
    }

    @Test
    void aSubdomainIsWithinItsDomainButALookalikeIsNot() {
        assertThat(Sites.isWithin("www.duckduckgo.com", "duckduckgo.com")).isTrue();
        assertThat(Sites.isWithin("duckduckgo.com", "duckduckgo.com")).isTrue();
        assertThat(Sites.isWithin("evilduckduckgo.com", "duckduckgo.com")).isFalse();
    }
}
