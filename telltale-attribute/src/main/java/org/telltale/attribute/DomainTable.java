package org.telltale.attribute;

import org.telltale.api.Attribution;

import java.util.Map;

/**
 * Domain facts from all domain datasets merged into one map, so that a lookup costs one map read per
 * suffix of the host, walked from the longest (a.b.example.com, b.example.com, example.com, com). A fact
 * about a domain applies to every name under it.
 */
final class DomainTable {
    private final Map<String, Match> byDomain;

    /**
     * What the domain datasets say about one domain, or about a name once its suffixes are walked.
     *
     * @param owner         who owns it, or null
     * @param ownerSource   the dataset label the owner comes from, or null
     * @param tracker       the tracker it is, or null
     * @param trackerSource the dataset label the tracker comes from, or null
     */
    record Match(Owner owner, String ownerSource, Attribution.Tracker tracker, String trackerSource) {
        /** Nothing known. */
        static final Match NOTHING = new Match(null, null, null, null);
    }

    /** @param byDomain the merged facts by lower-case domain, owned by the table from now on (not copied: it is large) */
    DomainTable(Map<String, Match> byDomain) {
        this.byDomain = byDomain;
    }

    /** @return how many domains carry a fact */
    int size() {
        return byDomain.size();
    }

    /**
     * @param name a normalised host name
     * @return the owner of the longest suffix that has one and the tracker of the longest suffix that has one
     */
    Match find(String name) {
        Match owner = null;
        Match tracker = null;
        for (String suffix = name; suffix != null && (owner == null || tracker == null); suffix = parentOf(suffix)) {
            Match here = byDomain.get(suffix);
            if (here == null) {
                continue;
            }
            if (owner == null && here.owner() != null) {
                owner = here;
            }
            if (tracker == null && here.tracker() != null) {
                tracker = here;
            }
        }
        if (owner == null && tracker == null) {
            return Match.NOTHING;
        }
        if (owner == tracker) {
            return owner;
        }
        return new Match(owner == null ? null : owner.owner(), owner == null ? null : owner.ownerSource(),
                tracker == null ? null : tracker.tracker(), tracker == null ? null : tracker.trackerSource());
    }

    /** @return the next shorter suffix ("b.example.com" for "a.b.example.com"), or null after the last label */
    static String parentOf(String name) {
        int dot = name.indexOf('.');
        return dot < 0 || dot == name.length() - 1 ? null : name.substring(dot + 1);
    }

    /**
     * @return the host in the form domains are keyed by (lower case, no trailing dot), or null when it
     *         cannot be a host name
     */
    static String normalize(String host) {
        if (host == null) {
            return null;
        }
        String name = host.strip();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '/' || c == '\\' || c == '@' || c == ':' || c == '%') {
                return null;
            }
        }
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
