package org.telltale.formats.har;

import java.util.Locale;

/**
 * Host and port of an absolute URL, read by hand because captured URLs are often not valid
 * {@link java.net.URI}s (spaces, "|", unescaped brackets) and yet name their host plainly.
 *
 * @param host the host name or IP address without IPv6 brackets; null when the URL has none
 * @param port the explicit port, else the scheme's default (80 or 443), else 0
 */
record UrlParts(String host, int port) {
    static UrlParts of(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return new UrlParts(null, 0);
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        int start = schemeEnd + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? authority.substring(1) : authority.substring(1, close);
            if (close >= 0 && authority.startsWith(":", close + 1)) {
                port = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = authority.substring(colon + 1);
            }
        }
        return new UrlParts(host.isEmpty() ? null : host, port(port, scheme));
    }

    private static int port(String written, String scheme) {
        if (written != null && !written.isEmpty() && written.length() <= 5 && written.chars().allMatch(Character::isDigit)) {
            int port = Integer.parseInt(written);
            if (port <= 65535) {
                return port;
            }
        }
        switch (scheme) {
            case "http", "ws":
                return 80;
            case "https", "wss":
                return 443;
            default:
                return 0;
        }
    }
}
