package org.telltale.core.detect.builtin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An http or https URL read leniently, as captured traffic writes them (unencoded spaces, pipes,
 * broken escapes), where java.net.URI would refuse. Never throws on bad input: {@link #parse}
 * returns null instead.
 *
 * @param host  the host in lower case, without user info or port
 * @param path  the path as written ("" when absent)
 * @param query the query as written, without "?" ("" when absent)
 */
record WebUrl(String host, String path, String query) {
    /** The longest URL read; anything longer is not a page address a person visited. */
    static final int MAX_LENGTH = 8192;
    private static final int MAX_PARAMS = 256;

    /** The URL in text, which must be one whole http(s) URL; else null. */
    static WebUrl parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        int schemeEnd;
        if (text.regionMatches(true, 0, "https://", 0, 8)) {
            schemeEnd = 8;
        } else if (text.regionMatches(true, 0, "http://", 0, 7)) {
            schemeEnd = 7;
        } else {
            return null;
        }
        int authorityEnd = schemeEnd;
        while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
            char c = text.charAt(authorityEnd);
            if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\') {
                return null;
            }
            authorityEnd++;
        }
        String host = text.substring(schemeEnd, authorityEnd);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        if (!host.startsWith("[")) {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!plausibleHost(host)) {
            return null;
        }
        for (int i = authorityEnd; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == '"' || c == '<' || c == '>') {
                return null; // one URL, not a sentence with a URL in it
            }
        }
        String rest = text.substring(authorityEnd);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);
        return new WebUrl(host, path, query);
    }

    private static boolean plausibleHost(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.endsWith("]");
        }
        if (host.indexOf('.') <= 0 && !host.equals("localhost")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c > 0x7f)) {
                return false;
            }
        }
        return true;
    }

    /** The decoded values of the query parameter with this name (exact, case-sensitive), in order. */
    List<String> param(String name) {
        List<String> values = new ArrayList<>();
        if (query.isEmpty()) {
            return values;
        }
        int start = 0;
        int count = 0;
        while (start <= query.length() && count++ < MAX_PARAMS) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            String pair = query.substring(start, end);
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (percentDecode(key, true).equals(name)) {
                values.add(eq < 0 ? "" : percentDecode(pair.substring(eq + 1), true));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return values;
    }

    /** Query parameters that mark an ad or campaign link: the address an ad sends people to, tagged for its counting. */
    private static final java.util.Set<String> CAMPAIGN_PARAMS = java.util.Set.of(
            "utm_source", "utm_medium", "utm_campaign", "gclid", "dclid", "fbclid", "msclkid", "ttclid", "twclid",
            "yclid", "wbraid", "gbraid");

    /**
     * Whether a query parameter holds another web address (plain or percent-encoded): the address of a
     * redirect or a beacon chain, a tracker's URL wrapped in a tracker's URL.
     */
    boolean carriesUrl() {
        String lower = query.toLowerCase(Locale.ROOT);
        return lower.contains("=http://") || lower.contains("=https://") || lower.contains("=http%3a%2f%2f")
                || lower.contains("=https%3a%2f%2f");
    }

    /** Whether the query carries an ad campaign's tags (utm_campaign, gclid...). */
    boolean hasCampaignTags() {
        if (query.isEmpty()) {
            return false;
        }
        int start = 0;
        int count = 0;
        while (start < query.length() && count++ < MAX_PARAMS) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            String key = query.substring(start, eq >= start && eq < end ? eq : end).toLowerCase(Locale.ROOT);
            if (CAMPAIGN_PARAMS.contains(key)) {
                return true;
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return false;
    }

    /** Path folders that hold an ad's own documents (a publisher's ad frames, an ad server's pages). */
    private static final java.util.Set<String> AD_FOLDERS = java.util.Set.of(
            "ads", "adframe", "adframes", "safeframe", "pagead", "adserver", "adsense");

    /**
     * Whether a folder of the path is one of ads ("/ads/remnant/networkredirect-....html" on a real
     * nytimes.com page load): a document an ad frame loads, whose address a browser then sends as
     * Referer, is not a page the user opened.
     */
    boolean inAdFolder() {
        int start = 0;
        int count = 0;
        while (start < path.length() && count++ < MAX_PARAMS) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                return false; // the last segment is the document itself, not a folder
            }
            if (AD_FOLDERS.contains(path.substring(start, slash).toLowerCase(Locale.ROOT))) {
                return true;
            }
            start = slash + 1;
        }
        return false;
    }

    /** The lower-case file extension of the last path segment ("" when none). */
    String extension() {
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        int semicolon = last.indexOf(';');
        if (semicolon >= 0) {
            last = last.substring(0, semicolon);
        }
        int dot = last.lastIndexOf('.');
        return dot < 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes %XX escapes as UTF-8 (and "+" as a space in forms); a broken escape is kept as
     * written rather than refused.
     */
    static String percentDecode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() && c == '%' ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
                i++;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
