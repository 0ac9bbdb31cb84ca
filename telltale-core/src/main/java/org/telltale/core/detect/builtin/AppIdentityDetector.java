package org.telltale.core.detect.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * Which app is talking, and which apps the phone has. {@code app_id}: a package or bundle name
 * ({@link PackageNames}) under a field that names one ("package", "bundle_id", Android WebView's
 * X-Requested-With header: HIGH; with one dot) or that may ("app_id", "app": MEDIUM; with two
 * dots, since "app_id" also holds numbers and keys). {@code installed_apps}: three or more package
 * names in a row, as a comma-separated value under any name or as a JSON array of strings; one
 * finding for the list, whose value is the list (the first {@link #MAX_ITEMS} names).
 */
public final class AppIdentityDetector implements Detector {
    /** Field names (normal form) that say the value is a package or bundle name. */
    static final Set<String> PACKAGE_FIELDS = Set.of(
            "package", "packagename", "pkg", "pkgname", "androidpackage", "androidpackagename", "apppackage",
            "apppackagename", "bundleid", "bundleidentifier", "appbundleid", "iosbundleid", "cfbundleidentifier",
            "xrequestedwith", "xandroidpackage", "xiosbundleidentifier", "srcpkg", "sourcepackage");
    /** Field names that hold a package name among other things (app keys, numbers). */
    static final Set<String> MAYBE_PACKAGE_FIELDS = Set.of(
            "appid", "app", "application", "applicationid", "bundle", "appidentifier", "aid");

    /** The fewest package names that make a list of installed apps rather than a few related ones. */
    static final int MIN_ITEMS = 3;
    /** The most names a finding's value holds; the span still covers the whole list. */
    static final int MAX_ITEMS = 50;

    @Override
    public String name() {
        return "app";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        NodeText text = NodeText.of(context);
        if (!text.looksLikeText()) {
            return List.of();
        }
        List<Detection> found = new ArrayList<>();
        String field = context.fieldName();
        if (context.leaf()) {
            boolean named = PACKAGE_FIELDS.contains(field);
            NodeText.Span whole = text.whole(PackageNames.MAX_LENGTH);
            if (whole != null && (named || MAYBE_PACKAGE_FIELDS.contains(field))
                    && PackageNames.isPackage(whole.text(), named ? 1 : 2)) {
                found.add(Found.plain("app_id", whole.text(), text, whole.start(), whole.end(),
                        named ? Confidence.HIGH : Confidence.MEDIUM));
            }
        }
        // In a leaf, a list is a value "a,b,c"; in an inner node (a JSON document) only quoted items
        // count, so a list inside one JSON string is found once, in its leaf.
        if (context.leaf() || startsJson(text.text())) {
            lists(text, !context.leaf(), found);
        }
        return found;
    }

    /** Every run of MIN_ITEMS or more package names separated only by list punctuation. */
    private static void lists(NodeText text, boolean quotedOnly, List<Detection> found) {
        String s = text.text();
        List<String> items = new ArrayList<>();
        int runStart = -1;
        int runEnd = -1;
        int previousEnd = -1;
        int i = 0;
        while (i < s.length() && found.size() < Found.MAX_PER_NODE) {
            if (!isNameChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean dotted = false;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                dotted |= s.charAt(i) == '.';
                i++;
            }
            // Only a dotted word no longer than a package name can be one: most words are not copied.
            String word = dotted && i - start <= PackageNames.MAX_LENGTH ? s.substring(start, i) : null;
            boolean pkg = word != null && PackageNames.isPackage(word, 1);
            boolean joined = pkg && previousEnd >= 0 && listGap(s, previousEnd, start, quotedOnly);
            if (!joined) {
                report(text, items, runStart, runEnd, found);
                items.clear();
                runStart = -1;
            }
            if (pkg) {
                if (runStart < 0) {
                    runStart = start;
                }
                if (items.size() < MAX_ITEMS) {
                    items.add(word);
                }
                runEnd = i;
                previousEnd = i;
            } else {
                previousEnd = -1;
            }
        }
        report(text, items, runStart, runEnd, found);
    }

    private static void report(NodeText text, List<String> items, int start, int end, List<Detection> found) {
        if (items.size() >= MIN_ITEMS && found.size() < Found.MAX_PER_NODE) {
            found.add(Found.plain("installed_apps", String.join(",", items), text, start, end, Confidence.HIGH));
        }
    }

    /** Between two items: only commas, semicolons, bars, quotes and white space; quotes required if asked. */
    private static boolean listGap(String s, int from, int to, boolean quotedOnly) {
        if (to - from > 8) {
            return false;
        }
        boolean separator = false;
        boolean quote = false;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            separator |= c == ',' || c == ';' || c == '|';
            quote |= c == '"';
            if (c != ',' && c != ';' && c != '|' && c != '"' && c != '\'' && c != ' ' && c != '\t' && c != '\r'
                    && c != '\n') {
                return false;
            }
        }
        return separator && (!quotedOnly || quote);
    }

    /** Whether an inner node is a JSON document itself, not an envelope around one (multipart, a URL). */
    private static boolean startsJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[' || c == '{';
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
    }
}
