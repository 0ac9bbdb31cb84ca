package org.telltale.core;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.telltale.api.Organisations;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;

/** Host names and the sites they belong to, by the public suffix list compiled into Guava. */
public final class Sites {
    private static final int MAX_KNOWN = 20_000;
    /** Registrable domains already worked out: the public-suffix walk is the costly part. */
    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

    private Sites() {
    }

    /**
     * The registrable domain of a host ("news.example.co.uk" gives "example.co.uk"); an IP address
     * or a name with no public suffix is its own site. Null for null.
     */
    public static String registrableDomain(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String cached = KNOWN.get(host);
        if (cached != null) {
            return cached;
        }
        String site = lookUp(host);
        if (KNOWN.size() >= MAX_KNOWN) {
            KNOWN.clear(); // hosts repeat heavily within a capture; a full cache is simply started again
        }
        KNOWN.put(host, site);
        return site;
    }

    private static String lookUp(String host) {
        String h = normalise(host);
        if (InetAddresses.isUriInetAddress(h) || InetAddresses.isInetAddress(h)) {
            return h;
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon); // host:port (an IPv6 literal was caught above)
        }
        if (h.isEmpty() || h.length() > 253 || !InternetDomainName.isValid(h)) {
            return h;
        }
        InternetDomainName name = InternetDomainName.from(h);
        return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : h;
    }

    /** Whether both hosts belong to the same registrable domain. */
    public static boolean sameSite(String hostA, String hostB) {
        String a = registrableDomain(hostA);
        return a != null && !a.isEmpty() && a.equals(registrableDomain(hostB));
    }

    /**
     * Whether both hosts are first parties of each other: the same site, or sites that the table says one
     * organisation runs (nytimes.com and its static host nyt.com). The one place that answers "same
     * organisation"; organisation names compare without regard to case, as datasets spell them differently.
     */
    public static boolean sameOrganisation(String hostA, String hostB, Organisations organisations) {
        if (sameSite(hostA, hostB)) {
            return true;
        }
        if (hostA == null || hostB == null) {
            return false;
        }
        String a = organisations.organisationOf(normalise(hostA));
        return a != null && a.equalsIgnoreCase(organisations.organisationOf(normalise(hostB)));
    }

    /** Whether the domain ends in a public suffix and has a label of its own before it. */
    public static boolean isRegistrable(String domain) {
        return domain != null && !domain.isEmpty() && domain.length() <= 253 && InternetDomainName.isValid(domain)
                && InternetDomainName.from(domain).isUnderPublicSuffix();
    }

    /** Whether host is the domain itself or one of its subdomains. */
    public static boolean isWithin(String host, String domain) {
        if (host == null || domain == null) {
            return false;
        }
        String h = normalise(host);
        String d = normalise(domain);
        return h.equals(d) || h.endsWith("." + d);
    }

    /** The host of an absolute URL, lower case, or null when it has none. */
    public static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        String plain = plainHttpHost(url);
        if (plain != null) {
            return plain;
        }
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? hostByHand(url) : normalise(host);
        } catch (IllegalArgumentException e) {
            return hostByHand(url);
        }
    }

    /**
     * The host of an "http://" or "https://" URL whose authority is only letters, digits, dots and
     * hyphens with an optional numeric port, else null. Parsing a whole URI per request costs more
     * than the rest of a small request's analysis; for such an authority java.net.URI either reads
     * the same host or fails and leaves it to hostByHand, which reads the same host too.
     */
    private static String plainHttpHost(String url) {
        int start;
        if (url.startsWith("https://")) {
            start = 8;
        } else if (url.startsWith("http://")) {
            start = 7;
        } else {
            return null;
        }
        int n = url.length();
        int end = start;
        boolean upper = false;
        while (end < n) {
            char c = url.charAt(end);
            if (c == '/' || c == '?' || c == '#' || c == ':') {
                break;
            }
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return null;
            }
            end++;
        }
        if (end < n && url.charAt(end) == ':') {
            for (int i = end + 1; i < n && "/?#".indexOf(url.charAt(i)) < 0; i++) {
                if (url.charAt(i) < '0' || url.charAt(i) > '9') {
                    return null;
                }
            }
        }
        String host = url.substring(start, end);
        if (upper) {
            host = host.toLowerCase(Locale.ROOT);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }

    // URLs captured in the wild are often not valid URIs (spaces, raw non-ASCII, '|'); the host is still there.
    private static String hostByHand(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(1, close).toLowerCase(Locale.ROOT) : null;
        }
        int colon = authority.indexOf(':');
        String host = colon >= 0 ? authority.substring(0, colon) : authority;
        return host.isEmpty() ? null : normalise(host);
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
