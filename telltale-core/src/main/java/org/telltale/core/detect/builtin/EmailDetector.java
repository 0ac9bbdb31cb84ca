package org.telltale.core.detect.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.core.Sites;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * Email addresses anywhere in a text leaf (a form value, a JSON string, a plain text body), also
 * when the "@" was sent as "%40" (HIGH). The domain must end in a real public suffix. Addresses
 * that name no person are skipped: no-reply senders, documentation domains, and the strings that
 * only look like addresses (retina image names "icon@2x.png", "package@1.2.3", a key in
 * "https://key@host/").
 */
public final class EmailDetector implements Detector {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    /** Local parts of role and robot mailboxes. */
    private static final Set<String> ROBOT_LOCAL_PARTS = Set.of(
            "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "mailer-daemon", "postmaster",
            "hostmaster", "webmaster", "abuse", "git");
    /** Domains reserved for examples and tests (RFC 2606) and common stand-ins. */
    private static final Set<String> EXAMPLE_DOMAINS = Set.of(
            "example.com", "example.org", "example.net", "example.edu", "test.com", "domain.com", "email.com");
    /** File extensions that are also read as top-level domains. */
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "js", "css", "html", "htm", "json", "xml",
            "zip", "mov", "mp4", "pdf", "txt");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        NodeText text = NodeText.ofTextLeaf(context);
        if (text == null) {
            return List.of();
        }
        List<Detection> found = new ArrayList<>();
        String s = text.text();
        AtSigns atSigns = new AtSigns(s);
        int from = 0;
        while (found.size() < Found.MAX_PER_NODE) {
            int at = atSigns.next(from);
            if (at < 0) {
                break;
            }
            boolean encoded = s.charAt(at) == '%';
            int afterAt = at + (encoded ? 3 : 1);
            Detection d = addressAround(text, at, afterAt, encoded);
            if (d != null) {
                found.add(d);
                from = d.end();
            } else {
                from = afterAt;
            }
        }
        return found;
    }

    /**
     * The "@" and "%40" of a text, in order. Each kind's next place is kept until the scan passes it:
     * searching both afresh after every "@" read the rest of the text once per "@", so a MiB of "@"
     * took most of a minute.
     */
    private static final class AtSigns {
        private final String s;
        private int plain;
        private int encoded;

        AtSigns(String s) {
            this.s = s;
            this.plain = s.indexOf('@');
            this.encoded = s.indexOf("%40");
        }

        /** The first "@" or "%40" at or after from (which never decreases), or -1. */
        int next(int from) {
            if (plain >= 0 && plain < from) {
                plain = s.indexOf('@', from);
            }
            if (encoded >= 0 && encoded < from) {
                encoded = s.indexOf("%40", from);
            }
            if (plain < 0) {
                return encoded;
            }
            return encoded < 0 ? plain : Math.min(plain, encoded);
        }
    }

    private Detection addressAround(NodeText text, int at, int afterAt, boolean encoded) {
        String s = text.text();
        int start = at;
        while (start > 0 && at - start < MAX_LOCAL && isLocalChar(s.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && isLocalChar(s.charAt(start - 1))) {
            return null; // longer than any local part
        }
        // "email%3Dbob%40x.com": the two hex digits of an escape are not part of the name.
        if (start >= 1 && start + 2 <= at && s.charAt(start - 1) == '%'
                && Character.digit(s.charAt(start), 16) >= 0 && Character.digit(s.charAt(start + 1), 16) >= 0) {
            start += 2;
        }
        if (start >= at) {
            return null; // no local part: what follows could only be refused at a higher price
        }
        int end = afterAt;
        while (end < s.length() && end - afterAt < MAX_DOMAIN && isDomainChar(s.charAt(end))) {
            end++;
        }
        while (end > afterAt && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
            end--;
        }
        if (!dotAfterFirst(s, afterAt, end)) {
            return null; // "a@b": plausibleDomain's first refusal, made before copying
        }
        String local = s.substring(start, at);
        String domain = s.substring(afterAt, end).toLowerCase(Locale.ROOT);
        if (!plausibleLocal(local) || !plausibleDomain(domain) || isUrlUserInfo(s, start)) {
            return null;
        }
        String lowerLocal = local.toLowerCase(Locale.ROOT);
        if (ROBOT_LOCAL_PARTS.contains(lowerLocal) || isExampleDomain(domain)) {
            return null;
        }
        return Found.of(name(), lowerLocal + "@" + domain, text, start, end, encoded ? "url-encoded" : "plain",
                Confidence.HIGH);
    }

    /** Whether s[from, to) holds a dot after its first char; looks no further than that range. */
    private static boolean dotAfterFirst(String s, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            if (s.charAt(i) == '.') {
                return true;
            }
        }
        return false;
    }

    private static boolean plausibleLocal(String local) {
        return !local.isEmpty() && local.charAt(0) != '.' && local.charAt(local.length() - 1) != '.'
                && !local.contains("..");
    }

    private static boolean plausibleDomain(String domain) {
        int lastDot = domain.lastIndexOf('.');
        if (lastDot <= 0 || domain.contains("..")) {
            return false;
        }
        String tld = domain.substring(lastDot + 1);
        if (tld.length() < 2 || FILE_EXTENSIONS.contains(tld)) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (tld.charAt(i) < 'a' || tld.charAt(i) > 'z') {
                return false;
            }
        }
        return Sites.isRegistrable(domain);
    }

    private static boolean isExampleDomain(String domain) {
        String registrable = Sites.registrableDomain(domain);
        return registrable != null && (EXAMPLE_DOMAINS.contains(registrable) || registrable.startsWith("example."));
    }

    /** "https://key@o1.ingest.sentry.io": credentials in a URL, not a mailbox. */
    private static boolean isUrlUserInfo(String s, int localStart) {
        return precededBy(s, localStart, "//") || precededBy(s, localStart, "%2f%2f");
    }

    private static boolean precededBy(String s, int end, String before) {
        int start = end - before.length();
        return start >= 0 && s.regionMatches(true, start, before, 0, before.length());
    }

    private static boolean isLocalChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "._+-".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }
}
