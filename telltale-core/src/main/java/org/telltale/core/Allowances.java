package org.telltale.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.Canary;
import org.telltale.api.CanaryType;

/**
 * Where each canary may go without being a leak: a visited URL to its own site (the visit itself
 * and its same-site requests), and any canary to the domains the user listed as expected.
 */
public final class Allowances {
    private final Map<String, List<String>> allowedByCanary = new HashMap<>();
    /** The site of each visited-URL canary, by canary id. */
    private final Map<String, String> siteByCanary = new HashMap<>();

    public Allowances(List<Canary> canaries) {
        for (Canary c : canaries) {
            List<String> allowed = new ArrayList<>();
            if (c.type() == CanaryType.URL) {
                String site = Sites.registrableDomain(Sites.hostOf(withScheme(c.value())));
                if (site != null) {
                    allowed.add(site);
                    siteByCanary.put(c.id(), site);
                }
            }
            for (String e : c.expected()) {
                allowed.add(e.trim());
            }
            allowedByCanary.put(c.id(), allowed);
        }
    }

    /** The domain that allows this canary to reach this host, or null when it is a leak. */
    public String allowedBy(String canaryId, String host) {
        for (String domain : allowedByCanary.getOrDefault(canaryId, List.of())) {
            if (Sites.isWithin(host, domain) || Sites.isWithin(host, Sites.registrableDomain(domain))) {
                return domain;
            }
        }
        return null;
    }

    /** The site of a visited-URL canary, or null for any other canary. */
    public String siteOf(String canaryId) {
        return siteByCanary.get(canaryId);
    }

    private static String withScheme(String url) {
        return url.contains("://") ? url : "https://" + url;
    }
}
