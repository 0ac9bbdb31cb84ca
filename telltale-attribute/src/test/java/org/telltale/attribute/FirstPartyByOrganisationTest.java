package org.telltale.attribute;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.telltale.api.Organisations;
import org.telltale.core.Sites;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Same organisation" ({@link Sites#sameOrganisation}) with the bundled datasets as its table, on the hosts the
 * real page load of www.nytimes.com (pagexray's www.nytimes.com.har, whose requests carry the front page as
 * Referer) sent requests to: the paper's own hosts on nytimes.com and its static domain nyt.com are first
 * parties of the page, and no ad, analytics or CDN host is, not even one named after the paper.
 */
class FirstPartyByOrganisationTest {
    private static final String PAGE = "www.nytimes.com";
    private static BundledResolver resolver;
    private static Set<String> hosts;

    @BeforeAll
    static void readTheHostsOfThePageLoad() throws IOException {
        resolver = BundledResolver.open();
        hosts = new TreeSet<>();
        try (InputStream in = FirstPartyByOrganisationTest.class.getResourceAsStream("testdata-hosts.tsv")) {
            for (String[] record : TsvFile.read(in)) {
                if (record[0].equals("www.nytimes.com.har")) {
                    hosts.add(record[1]);
                }
            }
        }
    }

    @Test
    void thePapersOwnHostsOnItsSisterDomainAreFirstPartiesAndNoOtherHostIs() {
        Set<String> firstParties = new TreeSet<>();
        for (String host : hosts) {
            if (Sites.sameOrganisation(PAGE, host, resolver)) {
                firstParties.add(host);
            }
        }

        assertThat(hosts).hasSize(84).contains("nytimes.activate.ensighten.com", "pnytimes.chartbeat.net");
        assertThat(firstParties).containsExactlyInAnyOrder("a1.nyt.com", "i1.nyt.com", "int.nyt.com", "s1.nyt.com",
                "static01.nyt.com", "core.fabrik.nytimes.com", "core19usw2.fabrik.nytimes.com.",
                "core25usw2.fabrik.nytimes.com.", "et.nytimes.com", "graphics8.nytimes.com", "int-promos.nytimes.com",
                "json8.nytimes.com", "markets.on.nytimes.com", "tagx.nytimes.com", "typeface.nytimes.com",
                "wt.o.nytimes.com", "www.nytimes.com");
    }

    @Test
    void withoutAnOrganisationTableOnlyTheSameSiteIsFirstParty() {
        assertThat(Sites.sameOrganisation(PAGE, "static01.nyt.com", Organisations.NONE)).isFalse();
        assertThat(Sites.sameOrganisation(PAGE, "et.nytimes.com", Organisations.NONE)).isTrue();
        assertThat(Sites.sameOrganisation(PAGE, "static01.nyt.com", resolver)).isTrue();
    }

    @Test
    void brandsOfOneParentAreOneOrganisationAndUnknownHostsAreNobodys() {
        // X-Ray 2020: instagram.com is Instagram, parent Facebook; telltale-entities: cdninstagram.com likewise
        assertThat(Sites.sameOrganisation("www.facebook.com", "scontent-mxp1-1.cdninstagram.com", resolver)).isTrue();
        assertThat(Sites.sameOrganisation("www.facebook.com", "www.google.com", resolver)).isFalse();
        assertThat(Sites.sameOrganisation("mail.tomasu.net", "example.invalid", resolver)).isFalse();
        assertThat(resolver.organisationOf("mail.tomasu.net")).isNull();
    }

    @Test
    void aCustomersSiteOnAPlatformIsNotThePlatformsOwnFirstParty() {
        // biowebb-data.s3.amazonaws.com is an S3 bucket in expressen.har: Amazon runs the server, the site is a customer's
        assertThat(resolver.resolve("biowebb-data.s3.amazonaws.com", null).organization()).isEqualTo("Amazon Web Services");
        assertThat(resolver.organisationOf("biowebb-data.s3.amazonaws.com")).isNull();
        assertThat(Sites.sameOrganisation("www.amazon.com", "biowebb-data.s3.amazonaws.com", resolver)).isFalse();
        // s3-external-2.amazonaws.com (nDPI alexa-app.pcapng) is an endpoint of Amazon's own
        assertThat(Sites.sameOrganisation("www.amazon.com", "s3-external-2.amazonaws.com", resolver)).isTrue();
    }
}
