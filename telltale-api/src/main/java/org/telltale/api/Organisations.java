package org.telltale.api;

/**
 * Which organisation runs a host: data a judging rule needs to tell a site's own sister domains (its CDN,
 * its short domain) from other companies, handed over as a table like {@link TrackerHosts} so that
 * judging never asks the attribution resolver.
 */
@FunctionalInterface
public interface Organisations {
    /**
     * @return the organisation at the top of the host's ownership (the parent company when the data names one),
     *         or null when the host's organisation is not known
     */
    String organisationOf(String host);

    /** A table that knows no organisation. */
    Organisations NONE = host -> null;
}
