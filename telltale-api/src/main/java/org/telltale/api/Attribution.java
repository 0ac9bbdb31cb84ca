package org.telltale.api;

import java.util.Map;

/**
 * Who is behind a host or IP, and where, each fact with the dataset that says it.
 *
 * @param registrableDomain   the domain one can register (public suffix plus one label); null for an IP
 * @param organization        the company behind the domain; null when no dataset knows
 * @param parent              its parent company, when known
 * @param organizationCountry the head-office country (ISO 3166 alpha-2) of the organisation
 * @param country             where the server's IP is registered or located (ISO 3166 alpha-2)
 * @param asn                 the autonomous system number hosting the IP; 0 when unknown
 * @param asOrg               the name of that network
 * @param tracker             whether the domain is a known tracker, and its category; null when not known as one
 * @param sources             fact name ("organization", "country", "asn", "tracker", ...) to the dataset that says it
 */
public record Attribution(String registrableDomain, String organization, String parent, String organizationCountry,
                          String country, long asn, String asOrg, Tracker tracker, Map<String, String> sources) {
    public static final Attribution NONE = new Attribution(null, null, null, null, null, 0, null, null, Map.of());

    public Attribution {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /**
     * A known tracker.
     *
     * @param category what it does ("Analytics", "Advertising", "Telemetry")
     * @param name     the tracker's name in its list, when it has one
     */
    public record Tracker(String category, String name) {
    }
}
