package org.telltale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;

class AllowancesTest {
    private final Allowances allowances = new Allowances(List.of(
            new Canary("visit", CanaryType.URL, "https://news.example.co.uk/story/1", List.of()),
            new Canary("query", CanaryType.SEARCH, "purple elephant", List.of("duckduckgo.com")),
            new Canary("imei", CanaryType.IMEI, "860461034812340", List.of())));

    @Test
    void aVisitedUrlMayGoToItsOwnSiteAndItsSubdomains() {
        assertThat(allowances.allowedBy("visit", "news.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(allowances.allowedBy("visit", "static.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(allowances.allowedBy("visit", "tracker.example.com")).isNull();
    }

    @Test
    void aSearchMayGoOnlyToTheDomainsTheUserExpects() {
        assertThat(allowances.allowedBy("query", "duckduckgo.com")).isEqualTo("duckduckgo.com");
        assertThat(allowances.allowedBy("query", "links.duckduckgo.com")).isEqualTo("duckduckgo.com");
        assertThat(allowances.allowedBy("query", "tracking.intl.miui.com")).isNull();
    }

    @Test
    void aDeviceIdentifierWithNoExpectedDomainIsALeakEverywhere() {
        assertThat(allowances.allowedBy("imei", "api.example.org")).isNull();
    }
}
