package org.telltale.apk.endpoints;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.telltale.core.Sites;

import com.google.common.net.InetAddresses;

/**
 * The endpoints one string constant names: every http, https, ws or wss URL anywhere in it, and the
 * whole constant when it is a bare host name. What the rules below keep out was judged by hand on
 * every string constant of the real APKs ({@code EndpointExtractorTest}).
 *
 * <p>URLs: a scheme (any case) right after a character that cannot be part of one, then {@code ://},
 * then the URL runs to whitespace, a quote, {@code <>`^|\} or the end; a trailing {@code .,;:!?)]}
 * is dropped, as prose puts it there. The host comes from {@link Sites#hostOf}, the project's one URL
 * parser. A URL is kept only when its host is an IP address, {@code localhost}, or a name under a
 * public suffix ({@link Sites#isRegistrable}); so templates ({@code http://%s/}, {@code
 * https://{host}/}, {@code https://api.%s.example.com}), bare schemes ({@code "https://"}) and
 * internal names are not endpoints. Nor are XML namespace names ({@code
 * http://schemas.android.com/apk/res/android}, {@code http://www.w3.org/...}, JAXP's {@code
 * http://java.sun.com/jaxp/xpath/dom}): parsers compare them as strings and never fetch them. Links
 * for people inside messages ({@code "... see https://netty.io/wiki/..."}) are kept: nothing in the
 * string tells them from an address the code calls.
 *
 * <p>Bare hosts: only the whole constant, in lower case (code writes host names in lower case; a
 * capital marks a class or constant name), made of two or more labels of letters, digits and
 * hyphens, under a public suffix, and not a Java package, property or file name. Since hundreds of
 * English words are top-level domains now, the words that end package and property names are
 * often TLDs too ({@code com.google.android}, {@code com.facebook.ads}, {@code os.name},
 * {@code user.country}, {@code jdk.xml.dtd.support}); so a bare host must end in a two-letter country
 * code or one of {@link #GENERIC_TLDS} (com, net, org...); it must not start with one of those or a
 * two-letter country code or a platform root ({@link #PLATFORM_ROOTS}), as package names are domains
 * reversed ({@code com.tencent.mm} ends in Myanmar's .mm, {@code java.io}, {@code android.net}),
 * while a first label that is a newer TLD word is fine ({@code data.mistat.xiaomi.com}, .data being
 * a TLD); and a two-label name ending in a file extension that is a country code ({@code libfoo.so},
 * {@code build.sh}, {@link #FILE_EXTENSIONS}) is a file, and one ending in {@code .id} a key
 * ({@link #PROPERTY_ENDINGS}). The price, paid knowingly: a bare host under
 * a newer TLD ({@code api.example.app}) or starting with a country code ({@code de.example.com}) is
 * missed; written as a URL it is found. Bare IP addresses are left out too: {@code 1.2.3.4} is as
 * often a version.
 *
 * <p>Bounded: the scan is linear in the constant, which its reader has already cut to
 * {@code CodeLimits.maxStringBytes}, and at most {@link #MAX_PER_CONSTANT} endpoints are reported
 * from one constant.
 */
public final class EndpointExtractor {
    /** The most endpoints taken from one constant (a constant listing thousands is data, not code's endpoints). */
    public static final int MAX_PER_CONSTANT = 64;
    static final int MAX_URL_LENGTH = 4096;
    private static final String[] SCHEMES = {"https", "http", "wss", "ws"};
    /** Namespace names of XML and its tools, which are compared as strings and never fetched. */
    private static final List<String> NAMESPACES = List.of(
            "http://schemas.android.com/", "http://www.w3.org/", "https://www.w3.org/", "http://xml.org/sax/",
            "http://xmlpull.org/", "http://apache.org/xml/", "http://java.sun.com/xml/", "http://java.sun.com/jaxp/",
            "http://ns.adobe.com/", "http://schemas.xmlsoap.org/", "http://purl.org/");
    /** The top-level domains a bare host may end in besides the two-letter country codes. */
    static final Set<String> GENERIC_TLDS = Set.of("com", "net", "org", "edu", "gov", "mil", "int", "info", "biz");
    /** The first words of the platform's package names that are not domains: android.net, java.io, sun.net. */
    static final Set<String> PLATFORM_ROOTS = Set.of("android", "androidx", "java", "javax", "kotlin", "kotlinx",
            "dalvik", "sun", "jdk");
    /**
     * File extensions that are also country codes: a two-label constant "name.ext" ending in one is a file
     * (libfoo.so, build.sh, README.md; coverage.ec is JaCoCo's, found in a real APK).
     */
    static final Set<String> FILE_EXTENSIONS = Set.of("so", "sh", "py", "pl", "md", "rs", "cc", "ps", "mk", "ec");

    /**
     * Country codes that end property keys far more often than host names in code: {@code
     * sensorsdata.device.id} (the Sensors Analytics SDK's key) is a key, not an Indonesian host.
     */
    static final Set<String> PROPERTY_ENDINGS = Set.of("id");

    /** Reports each endpoint the constant names, in order of appearance. */
    public void extract(String constant, Consumer<EndpointString> out) {
        if (constant == null || constant.isEmpty()) {
            return;
        }
        int found = 0;
        int from = 0;
        while (found < MAX_PER_CONSTANT) {
            int sep = constant.indexOf("://", from);
            if (sep < 0) {
                break;
            }
            from = sep + 3;
            int start = schemeStart(constant, sep);
            if (start < 0) {
                continue;
            }
            int end = urlEnd(constant, sep + 3);
            String url = constant.substring(start, end);
            from = Math.max(from, end);
            EndpointString endpoint = urlEndpoint(url);
            if (endpoint != null) {
                out.accept(endpoint);
                found++;
            }
        }
        if (found == 0) {
            String host = bareHost(constant);
            if (host != null) {
                out.accept(new EndpointString(null, host));
            }
        }
    }

    /** Where the scheme before {@code ://} starts, or -1 when it is not one of ours. */
    private static int schemeStart(String s, int sep) {
        for (String scheme : SCHEMES) {
            int start = sep - scheme.length();
            if (start >= 0 && s.regionMatches(true, start, scheme, 0, scheme.length())
                    && (start == 0 || !isSchemeChar(s.charAt(start - 1)))) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }

    private static int urlEnd(String s, int from) {
        int limit = Math.min(s.length(), from + MAX_URL_LENGTH);
        int end = from;
        while (end < limit && !endsUrl(s.charAt(end))) {
            end++;
        }
        while (end > from && ".,;:!?)]".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static boolean endsUrl(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '^' || c == '|'
                || c == '\\' || c == 0x7f;
    }

    private static EndpointString urlEndpoint(String url) {
        for (String ns : NAMESPACES) {
            if (url.regionMatches(true, 0, ns, 0, ns.length())) {
                return null;
            }
        }
        String host = Sites.hostOf(url);
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (host.equals("localhost") || InetAddresses.isInetAddress(host) || isHostName(host) && Sites.isRegistrable(host)) {
            return new EndpointString(url, host);
        }
        return null;
    }

    private static String bareHost(String s) {
        if (s.length() < 4 || s.length() > 253 || !isHostName(s) || s.indexOf('.') < 0) {
            return null;
        }
        String first = s.substring(0, s.indexOf('.'));
        String last = s.substring(s.lastIndexOf('.') + 1);
        if (!GENERIC_TLDS.contains(last) && !(last.length() == 2 && isTopLevelDomain(last))) {
            return null; // a property or package name ending in a word: os.name, user.country, com.facebook.ads
        }
        if (GENERIC_TLDS.contains(first) || PLATFORM_ROOTS.contains(first) || first.length() == 2 && isTopLevelDomain(first)) {
            return null; // a package name: com.tencent.mm, io.appium.settings, android.net
        }
        if (s.indexOf('.') == s.lastIndexOf('.') && FILE_EXTENSIONS.contains(last)) {
            return null; // a file name: libfoo.so, build.sh
        }
        if (PROPERTY_ENDINGS.contains(last)) {
            return null; // a key: sensorsdata.device.id
        }
        return Sites.isRegistrable(s) ? s : null;
    }

    /** Whether the label alone is a public suffix, such as com, io, de or android. */
    private static boolean isTopLevelDomain(String label) {
        return Sites.isRegistrable("x." + label) && !Sites.isRegistrable(label);
    }

    /** Lower-case letters, digits, hyphens and dots; labels 1 to 63 long, not starting or ending with a hyphen. */
    private static boolean isHostName(String s) {
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len < 1 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
