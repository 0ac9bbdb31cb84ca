package org.telltale.apk.trackers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One network signature read as a pattern over a host's labels, so that matching is a comparison of
 * labels and never a regex run on a captured host name (linear, no backtracking).
 *
 * <p>Exodus writes its signatures as Python regexes searched anywhere in a host. Of the 631
 * alternatives in the bundled list, 598 are plain names with escaped dots ({@code databerries\.com});
 * the others use a handful of forms, each read here for what its author plainly meant:
 * <ul>
 *   <li>an unescaped '.' ({@code appnext.com}) is a dot, not "any character";</li>
 *   <li>a leading {@code .*\.}, {@code \.} or {@code .} ({@code .*\.estimote\.com}) means "under this
 *       domain", which a suffix match gives anyway (and it also matches the domain itself);</li>
 *   <li>a trailing {@code \..*} ({@code adservice\.google\..*}) or {@code \.} ({@code \.alimama\.}) means
 *       "followed by more labels", any TLD;</li>
 *   <li>{@code [0-9]*} inside a label ({@code mt[0-9]*\.google\.cn}) matches a run of digits there;</li>
 *   <li>a {@code :port} or {@code /path} after the host ({@code 54\.243\.73\.253:8080/SilverPush/}) is
 *       dropped: a host has neither;</li>
 *   <li>a stray backslash before a letter ({@code data.\altbeacon\.org}, where Python reads {@code \a}
 *       as the bell character and so never matches) is dropped;</li>
 *   <li>a name without a dot ({@code fidzup}) matches a host with a label of that name.</li>
 * </ul>
 * Otherwise, where Exodus searches anywhere in the host ({@code databerries\.com} also hits
 * {@code notdataberries.com.evil.example}), we match whole labels from the right: the host is the
 * domain or under it.
 */
final class HostPattern {
    /** A label pattern: a literal, or a literal prefix followed by any run of digits. */
    private record Label(String text, boolean digitsAfter) {
        boolean matches(String label) {
            if (!digitsAfter) {
                return label.equals(text);
            }
            if (!label.startsWith(text)) {
                return false;
            }
            for (int i = text.length(); i < label.length(); i++) {
                char c = label.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Label> labels;
    /** The last pattern label must be the host's last label; false after a trailing {@code .*} or for a dotless word. */
    private final boolean anchoredRight;
    /** How many host labels must follow the pattern at least (1 after a trailing {@code .*}). */
    private final int labelsAfter;

    private HostPattern(List<Label> labels, boolean anchoredRight, int labelsAfter) {
        this.labels = labels;
        this.anchoredRight = anchoredRight;
        this.labelsAfter = labelsAfter;
    }

    /**
     * Reads one signature alternative.
     *
     * @return the pattern, or null when it uses a form not listed in the class comment
     */
    static HostPattern parse(String signature) {
        String s = signature.strip().toLowerCase(Locale.ROOT);
        boolean trailingAny = false;
        if (s.endsWith("\\..*")) {
            s = s.substring(0, s.length() - 4);
            trailingAny = true;
        } else if (s.endsWith("\\.")) {
            s = s.substring(0, s.length() - 2);
            trailingAny = true;
        }
        if (s.startsWith(".*\\.")) {
            s = s.substring(4);
        } else if (s.startsWith("\\.")) {
            s = s.substring(2);
        } else if (s.startsWith(".")) {
            s = s.substring(1);
        }
        List<Label> labels = new ArrayList<>();
        StringBuilder label = new StringBuilder();
        boolean digits = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '/') {
                break;
            } else if (c == '\\') {
                continue; // an escape: the next character is taken as written
            } else if (c == '.') {
                if (label.isEmpty()) {
                    return null;
                }
                labels.add(new Label(label.toString(), digits));
                label.setLength(0);
                digits = false;
            } else if (s.startsWith("[0-9]*", i) && !digits) {
                digits = true;
                i += 5;
            } else if (digits || !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return null; // other regex syntax, or a character after a digit run
            } else {
                label.append(c);
            }
        }
        if (label.isEmpty()) {
            return null;
        }
        labels.add(new Label(label.toString(), digits));
        boolean word = labels.size() == 1 && !trailingAny;
        return new HostPattern(List.copyOf(labels), !trailingAny && !word, trailingAny ? 1 : 0);
    }

    /** The plain host suffix this pattern is, or null when it has wildcards or is not anchored on the right. */
    String literalSuffix() {
        if (!anchoredRight || labels.stream().anyMatch(Label::digitsAfter)) {
            return null;
        }
        return String.join(".", labels.stream().map(Label::text).toList());
    }

    /** Whether the host's labels (lower case, from left to right) match. */
    boolean matches(String[] hostLabels) {
        int n = labels.size();
        int lastEnd = hostLabels.length - labelsAfter;
        int firstEnd = anchoredRight ? lastEnd : n;
        for (int end = firstEnd; end <= lastEnd; end++) {
            if (end < n) {
                continue;
            }
            boolean all = true;
            for (int k = 0; k < n && all; k++) {
                all = labels.get(k).matches(hostLabels[end - n + k]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
