package org.telltale.attribute;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.telltale.core.Sites;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many of the named registrable domains in the real captures of the test data the bundled datasets
 * give an owner. The host names (HTTP Host, TLS SNI, DNS query names, HAR request URLs) were listed once
 * from the captures by {@code tools/testdata-hosts.sh} and checked in, so this runs without them; each is
 * reduced to its site by the engine's own {@link Sites#registrableDomain}. A site has an owner when every
 * host seen under it is attributed to one (what a user of Telltale sees). Names with no public suffix
 * (mDNS {@code .local}, a home router's {@code .lan}, Chrome's random probes), IP literals and reverse-DNS
 * names under {@code .arpa} name nobody and are not counted.
 *
 * <p>Run {@code mvn -o -q test -pl telltale-attribute -am -Dtest=AttributionCoverageTest
 * -Dsurefire.failIfNoSpecifiedTests=false} to print the figure and the sites without an owner.
 */
class AttributionCoverageTest {
    private static final String HOSTS = "testdata-hosts.tsv";
    private static final double TARGET = 0.90;

    private static Map<String, Set<String>> sites;
    private static Set<String> withoutOwner;

    @BeforeAll
    static void measure() throws IOException {
        BundledResolver resolver = BundledResolver.open();
        sites = namedSites();
        withoutOwner = new TreeSet<>();
        sites.forEach((site, hosts) -> {
            if (hosts.stream().anyMatch(host -> resolver.resolve(host, null).organization() == null)) {
                withoutOwner.add(site);
            }
        });
        int owned = sites.size() - withoutOwner.size();
        System.out.printf("attribution coverage: %d of %d named registrable domains have an owner (%.1f%%)%n", owned,
                sites.size(), 100.0 * owned / sites.size());
        System.out.println("without an owner: " + String.join(" ", withoutOwner));
    }

    @Test
    void atLeastNineInTenNamedSitesOfTheRealCapturesHaveAnOwner() {
        assertThat(sites).hasSizeGreaterThan(100);
        assertThat((double) (sites.size() - withoutOwner.size()) / sites.size()).isGreaterThanOrEqualTo(TARGET);
    }

    /** @return each named site, with the hosts seen under it */
    private static Map<String, Set<String>> namedSites() throws IOException {
        Map<String, Set<String>> named = new TreeMap<>();
        try (InputStream in = AttributionCoverageTest.class.getResourceAsStream(HOSTS)) {
            assertThat(in).as(HOSTS).isNotNull();
            for (String[] record : TsvFile.read(in)) {
                String host = Sites.hostOf("http://" + record[1]); // a CONNECT target comes with its port
                String site = Sites.registrableDomain(host);
                if (Sites.isRegistrable(site) && !site.endsWith(".arpa")) {
                    named.computeIfAbsent(site, s -> new TreeSet<>()).add(host);
                }
            }
        }
        return named;
    }
}
