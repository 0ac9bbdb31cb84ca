package org.telltale.proxy.internal;

import java.util.List;
import java.util.Locale;

/**
 * The hosts tunnelled without interception (--passthrough): "example.com" is that host and its
 * subdomains, "*.example.com" only its subdomains.
 */
public final class PassthroughHosts {
    private final List<String> patterns;

    public PassthroughHosts(List<String> patterns) {
        this.patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
    }

    /** True when the host is one to pass through; null matches nothing. */
    public boolean matches(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String p : patterns) {
            if (p.startsWith("*.")) {
                if (h.endsWith(p.substring(1))) {
                    return true;
                }
            } else if (h.equals(p) || h.endsWith("." + p)) {
                return true;
            }
        }
        return false;
    }
}
