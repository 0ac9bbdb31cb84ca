package org.telltale.attribute;

import java.util.HashMap;
import java.util.Map;

/**
 * Facts keyed by domain that apply to the domain and every name under it. A lookup walks the host's
 * suffixes from the longest (a.b.example.com, b.example.com, example.com, com).
 */
final class DomainTable<T> {
    private final Map<String, T> byDomain;

    DomainTable(Map<String, T> byDomain) {
        this.byDomain = Map.copyOf(byDomain);
    }

    static <T> DomainTable<T> empty() {
        return new DomainTable<>(new HashMap<>());
    }

    /** @return the fact recorded for exactly this name, or null */
    T exact(String name) {
        return byDomain.get(name);
    }

    /** @return how many domains carry a fact */
    int size() {
        return byDomain.size();
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
