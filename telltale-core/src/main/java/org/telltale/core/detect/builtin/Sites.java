package org.telltale.core.detect.builtin;

import java.util.Locale;

import com.google.common.net.InternetDomainName;

/** Registrable domains ("www.bbc.co.uk" -> "bbc.co.uk"), the unit a person calls "a site". */
final class Sites {
    private Sites() {
    }

    /**
     * The registrable domain of a host, or the host itself in lower case when it has none (an IP
     * address, "localhost", a public suffix); "" for null.
     */
    static String registrable(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            h = h.substring(0, colon); // host:port; an IPv6 literal has more than one colon
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > 253 || !InternetDomainName.isValid(h)) {
            return h;
        }
        InternetDomainName name = InternetDomainName.from(h);
        return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : h;
    }

    /** True when both hosts belong to the same registrable domain. */
    static boolean sameSite(String hostA, String hostB) {
        String a = registrable(hostA);
        return !a.isEmpty() && a.equals(registrable(hostB));
    }

    /** True when the domain ends in a public suffix and has a label of its own before it. */
    static boolean isRegistrable(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > 253 || !InternetDomainName.isValid(domain)) {
            return false;
        }
        InternetDomainName name = InternetDomainName.from(domain);
        return name.isUnderPublicSuffix();
    }
}
