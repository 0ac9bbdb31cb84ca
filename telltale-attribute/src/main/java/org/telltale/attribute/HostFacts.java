package org.telltale.attribute;

import org.telltale.api.Attribution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What a host name says on its own, worked out once per distinct host. Its sources, joined with those
 * of each combination of IP facts, are built the first time that combination comes up, so that later
 * lookups allocate at most the {@link Attribution} itself.
 */
final class HostFacts {
    /** Bit of an IP mask: the ASN dataset knew the address. */
    static final int NETWORK = 1;
    /** Bit of an IP mask: the country dataset knew the address. */
    static final int COUNTRY = 2;

    /** The host in normalised form when it is an IP literal, which is then looked up as the address. */
    final String ipLiteral;
    private final String registrable;
    private final Owner owner;
    private final Attribution.Tracker tracker;
    private final Map<String, String> domainSources;
    /** Sources of the IP facts, by IP mask (0 to 3). */
    private final List<Map<String, String>> ipSources;
    /** Domain and IP sources joined, by IP mask, filled on first use. */
    private final AtomicReferenceArray<Map<String, String>> joined;
    private final Attribution alone;

    private HostFacts(String ipLiteral, String registrable, DomainTable.Match match, List<Map<String, String>> ipSources) {
        this.ipLiteral = ipLiteral;
        this.registrable = registrable;
        this.owner = match.owner();
        this.tracker = match.tracker();
        this.ipSources = ipSources;
        this.joined = new AtomicReferenceArray<>(ipSources.size());
        Map<String, String> domain = new HashMap<>();
        if (registrable != null) {
            domain.put("registrableDomain", BundledResolver.PUBLIC_SUFFIX_SOURCE);
        }
        if (owner != null) {
            domain.put("organization", match.ownerSource());
            putIf(domain, "parent", owner.parent(), match.ownerSource());
            putIf(domain, "organizationCountry", owner.country(), match.ownerSource());
        }
        if (tracker != null) {
            domain.put("tracker", match.trackerSource());
        }
        this.domainSources = Map.copyOf(domain);
        this.alone = domain.isEmpty() ? Attribution.NONE : attribution(0, 0, null, null);
    }

    /** @param ipSources the sources of IP facts, by IP mask */
    static HostFacts none(List<Map<String, String>> ipSources) {
        return new HostFacts(null, null, DomainTable.Match.NOTHING, ipSources);
    }

    /** @param literal the normalised host, an IP literal @param none the facts of no host at all */
    static HostFacts literal(String literal, HostFacts none) {
        return new HostFacts(literal, null, DomainTable.Match.NOTHING, none.ipSources);
    }

    /** @param registrable the registrable domain, or null @param match what the domain datasets say */
    static HostFacts of(String registrable, DomainTable.Match match, List<Map<String, String>> ipSources) {
        return new HostFacts(null, registrable, match, ipSources);
    }

    /**
     * @param mask which IP datasets knew the address ({@link #NETWORK}, {@link #COUNTRY})
     * @return these facts joined with the IP facts
     */
    Attribution attribution(int mask, long asn, String asOrg, String country) {
        if (mask == 0 && alone != null) {
            return alone;
        }
        Map<String, String> sources = sources(mask);
        if (sources.isEmpty()) {
            return Attribution.NONE;
        }
        return new Attribution(registrable, owner == null ? null : owner.organization(), owner == null ? null : owner.parent(),
                owner == null ? null : owner.country(), country, asn, asOrg, tracker, sources);
    }

    private Map<String, String> sources(int mask) {
        Map<String, String> sources = joined.get(mask);
        if (sources == null) {
            Map<String, String> both = new HashMap<>(domainSources);
            both.putAll(ipSources.get(mask));
            sources = Map.copyOf(both);
            joined.set(mask, sources);
        }
        return sources;
    }

    private static void putIf(Map<String, String> sources, String fact, String value, String source) {
        if (value != null) {
            sources.put(fact, source);
        }
    }
}
