package org.telltale.attribute;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Attribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundledResolverTest {
    private static BundledResolver resolver;

    @BeforeAll
    static void openBundledData() throws IOException {
        resolver = BundledResolver.open();
    }

    @ParameterizedTest(name = "{0} is {1}, AS{2} {3}")
    @CsvSource(delimiter = '|', value = {
            "161.117.13.29|SG|45102|Alibaba (US) Technology Co., Ltd.",
            "87.250.251.77|RU|13238|YANDEX LLC",
            "8.8.8.8|US|15169|Google LLC",
            "2001:4860:4860::8888|US|15169|Google LLC",
            "2a02:6b8::2:242|RU|13238|YANDEX LLC",
            "2400:3200::1|CN|37963|Hangzhou Alibaba Advertising Co.,Ltd.",
            "[2001:4860:4860::8888]|US|15169|Google LLC",
            "::ffff:8.8.8.8|US|15169|Google LLC"})
    void anIpGetsItsCountryAndNetworkFromTheIpDatasets(String ip, String country, long asn, String asOrg) {
        Attribution attribution = resolver.resolve(null, ip);

        assertThat(attribution.country()).isEqualTo(country);
        assertThat(attribution.asn()).isEqualTo(asn);
        assertThat(attribution.asOrg()).isEqualTo(asOrg);
        assertThat(attribution.sources().get("asn")).startsWith(Datasets.ASN + " 2.3.");
        assertThat(attribution.sources().get("country")).startsWith(Datasets.COUNTRY).contains("whois");
        assertThat(attribution.organization()).isNull();
    }

    @Test
    void xiaomiHostsBelongToXiaomiWithItsHeadOfficeInChina() {
        for (String host : List.of("sa.api.intl.miui.com", "tracking.intl.miui.com")) {
            Attribution attribution = resolver.resolve(host, null);

            assertThat(attribution.registrableDomain()).isEqualTo("miui.com");
            assertThat(attribution.organization()).isEqualTo("Xiaomi");
            assertThat(attribution.organizationCountry()).isEqualTo("CN");
            assertThat(attribution.sources()).containsEntry("organization", "telltale-vendors 3");
        }
    }

    @Test
    void onlyTheHostAPublishedAnalysisNamesIsCalledATracker() {
        // sa.api.intl.miui.com is the Sensors Analytics backend of Xiaomi's browsers; no bundled list
        // and no source we could check names tracking.intl.miui.com, so no tracker is claimed for it.
        assertThat(resolver.resolve("sa.api.intl.miui.com", null).tracker())
                .isEqualTo(new Attribution.Tracker("Analytics", "Xiaomi"));
        assertThat(resolver.resolve("tracking.intl.miui.com", null).tracker()).isNull();
        assertThat(resolver.resolve("tracking.miui.com", null).sources().get("tracker")).startsWith(Datasets.EASYPRIVACY);
    }

    @Test
    void graphFacebookComBelongsToFacebookAndTracksAsSocial() {
        Attribution attribution = resolver.resolve("graph.facebook.com", null);

        assertThat(attribution.organization()).isEqualTo("Facebook");
        assertThat(attribution.organizationCountry()).isEqualTo("US");
        assertThat(attribution.tracker().category()).isEqualTo("Social");
        assertThat(attribution.sources()).containsEntry("organization", "x-ray-2020 2020")
                .containsEntry("tracker", "disconnect-2019 2019");
    }

    @Test
    void googleAnalyticsAndAppMeasurementAreGoogleProductsInXray() {
        Attribution analytics = resolver.resolve("www.google-analytics.com", null);
        Attribution measurement = resolver.resolve("app-measurement.com", null);

        // X-Ray names the product as owner and Google as its parent
        assertThat(analytics.organization()).isEqualTo("Google Analytics");
        assertThat(analytics.parent()).isEqualTo("Google");
        assertThat(analytics.tracker()).isEqualTo(new Attribution.Tracker("Analytics", "Google"));
        assertThat(measurement.organization()).isEqualTo("Firebase");
        assertThat(measurement.parent()).isEqualTo("Google");
        assertThat(measurement.sources()).containsEntry("parent", "x-ray-2020 2020");
    }

    @Test
    void aHostAndItsIpGiveBothKindsOfFactsWithTheRegistryCountryAsTheDataSaysIt() {
        // Alibaba Cloud Singapore range registered to the company's US entity: the data says US
        Attribution attribution = resolver.resolve("tracking.intl.miui.com", "47.241.7.88");

        assertThat(attribution.organizationCountry()).isEqualTo("CN");
        assertThat(attribution.country()).isEqualTo("US");
        assertThat(attribution.asn()).isEqualTo(45102);
    }

    @Test
    void aTrackerKnownOnlyToEasyPrivacyIsReportedAsTracking() {
        Attribution attribution = resolver.resolve("stats.g.doubleclick.net", null);
        Attribution easyOnly = resolver.resolve("x.2o7.net", null);

        assertThat(attribution.tracker()).isNotNull();
        assertThat(easyOnly.tracker()).isNotNull();
        assertThat(easyOnly.sources().get("tracker")).isIn("easyprivacy webext-ublock-origin 1.67.0+dfsg-1~deb12u1",
                "disconnect-2019 2019", "exodus-privacy trackers up to 2023-12-05");
    }

    @Test
    void namesAndAddressesNoDatasetKnowsGiveNothingAndGarbageNeverThrows() {
        assertThat(resolver.resolve(null, "10.1.2.3").asn()).isZero();
        assertThat(resolver.resolve("unknown-host.invalid", null).organization()).isNull();
        assertThat(resolver.resolve(null, null)).isEqualTo(Attribution.NONE);
        for (String junk : List.of("", " ", "...", "a..b", "999.1.1.1", "1.2.3", "::::", "[", "%", "a@b", "x".repeat(5000),
                "1.2.3.4.5", "::ffff:999.1.1.1", "\u0000", "gggg::1")) {
            assertThat(resolver.resolve(junk, junk)).isNotNull();
        }
    }

    @Test
    void aHostGivenAsAnIpLiteralIsLookedUpAsAnIp() {
        assertThat(resolver.resolve("8.8.8.8", null).asn()).isEqualTo(15169);
        assertThat(resolver.resolve("8.8.8.8", null).registrableDomain()).isNull();
    }

    @Test
    void everyServerIpInTheNdpiCapturesGetsTheCountryAndNetworkTheDataGives() throws IOException {
        List<String[]> golden = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("server-ips-golden.tsv"), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#")).forEach(line -> golden.add(line.split("\t", -1)));
        }
        assertThat(golden).hasSize(40);
        for (String[] row : golden) {
            Attribution attribution = resolver.resolve(null, row[1]);
            assertThat(attribution.country()).as(row[1]).isEqualTo(row[2]);
            assertThat(attribution.asn()).as(row[1]).isEqualTo(row[3].isEmpty() ? 0 : Long.parseLong(row[3]));
            assertThat(attribution.asOrg()).as(row[1]).isEqualTo(row[4].isEmpty() ? null : row[4]);
        }
    }

    @Test
    void datasetsListEachBundledFileWithVersionLicenceAndCounts() {
        assertThat(resolver.datasets()).extracting(DatasetInfo::id).containsExactlyInAnyOrder(Datasets.ASN,
                Datasets.COUNTRY, Datasets.XRAY, Datasets.DISCONNECT, Datasets.EXODUS, Datasets.EASYPRIVACY, Datasets.VENDORS,
                Datasets.ENTITIES);
        assertThat(resolver.datasets()).allSatisfy(info -> {
            assertThat(info.entries()).isPositive();
            assertThat(info.location()).isEqualTo("bundled");
            assertThat(info.licence()).isNotEqualTo("unknown");
        });
    }

    @Test
    void analyticsAndAdSdkHostsOfTheRealCapturesAreTrackersWithTheirSource() {
        // api.eu01.capptain.com and xmpp.device06.eu01.capptain.com are in nDPI's ocs.pcap
        for (String host : List.of("api.eu01.capptain.com", "xmpp.device06.eu01.capptain.com", "notify.bugsnag.com", "api.vpon.com")) {
            assertThat(resolver.isTracker(host)).as(host).isTrue();
            assertThat(resolver.resolve(host, null).sources()).as(host).containsEntry("tracker", "telltale-vendors 3");
        }
        assertThat(resolver.resolve("api.eu01.capptain.com", null).parent()).isEqualTo("Microsoft");
        assertThat(resolver.isTracker("capptain.example.com")).isFalse();
    }

    @Test
    void aSisterDomainOfAnOrganisationNamesTheSameOrganisationAsItsMainDomain() {
        Attribution cdn = resolver.resolve("static01.nyt.com", null);

        assertThat(cdn.organization()).isEqualTo("The New York Times Company");
        assertThat(cdn.sources()).containsEntry("organization", "telltale-entities 1");
        assertThat(resolver.resolve("www.nytimes.com", null).organization()).isEqualTo(cdn.organization());
        assertThat(resolver.isTracker("static01.nyt.com")).isFalse();
    }

    @Test
    void nat64AddressesOfTheRealRedditCaptureAreAttributedAsTheIpv4AddressTheyEmbed() throws IOException {
        List<String> nat64 = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                BundledResolverTest.class.getResourceAsStream("reddit-nat64.txt"), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#")).forEach(nat64::add);
        }
        assertThat(nat64).hasSize(12);
        for (String address : nat64) {
            byte[] bytes = com.google.common.net.InetAddresses.forString(address).getAddress();
            String ipv4 = (bytes[12] & 0xFF) + "." + (bytes[13] & 0xFF) + "." + (bytes[14] & 0xFF) + "." + (bytes[15] & 0xFF);
            Attribution viaNat64 = resolver.resolve(null, address);
            Attribution direct = resolver.resolve(null, ipv4);

            assertThat(direct.asn()).as(ipv4).isPositive();
            assertThat(viaNat64.asn()).as(address).isEqualTo(direct.asn());
            assertThat(viaNat64.asOrg()).as(address).isEqualTo(direct.asOrg());
            assertThat(viaNat64.country()).as(address).isEqualTo(direct.country());
        }
        // gateway.reddit.com in the capture: 64:ff9b::9765:798c is 151.101.121.140, Fastly's network
        assertThat(resolver.resolve(null, "64:ff9b::9765:798c").asn()).isEqualTo(54113);
    }

    @Test
    void anAddressOutsideTheNat64PrefixIsNotReadAsTheIpv4AddressInItsLastBits() {
        Attribution google = resolver.resolve(null, "8.8.8.8");

        assertThat(resolver.resolve(null, "64:ff9b::808:808").asn()).isEqualTo(google.asn());
        for (String outside : List.of("64:ff9b:1::808:808", "2001:db8::808:808", "64:ff9b::1:808:808")) {
            assertThat(resolver.resolve(null, outside).asn()).as(outside).isNotEqualTo(google.asn());
        }
    }
}
