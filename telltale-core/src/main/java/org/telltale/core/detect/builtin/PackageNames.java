package org.telltale.core.detect.builtin;

import java.util.Set;

/**
 * The shape of an app's package or bundle name: reverse DNS ("com.haaretz",
 * "com.amazon.dee.app"), whose first part is a top-level domain and whose parts are Java
 * identifiers (iOS bundle ids also allow '-'). A host name ("fonts.googleapis.com"), a file
 * ("main.min.js") or a version ("1.4.7") is not one.
 */
final class PackageNames {
    /** The longest package name Android accepts is far shorter; longer text is something else. */
    static final int MAX_LENGTH = 255;

    /** First parts of reverse-DNS names: the top-level domains app makers publish under. */
    private static final Set<String> ROOTS = Set.of(
            "com", "org", "net", "io", "cn", "tv", "me", "jp", "de", "uk", "co", "ru", "kr", "in", "fr", "br", "air",
            "app", "info", "edu", "gov", "it", "es", "nl", "us", "vn", "tw", "hk", "sg", "th", "id", "pl", "ch", "se",
            "no", "dk", "fi", "at", "be", "au", "ca", "mx", "ar", "cl", "tr", "il", "ir", "za", "ua", "cz", "hu", "gr",
            "pt", "ro", "my", "ph", "pk", "bd", "ng", "eg", "sa", "ae", "biz", "xyz", "mobi", "pro", "ai", "cc", "ly",
            "to", "gg", "im", "sh", "so", "eu", "asia", "nz", "ie", "lt", "lv", "ee", "sk", "si", "hr", "rs", "bg",
            "by", "kz", "pe", "ve", "uy", "ec", "is", "lu", "li", "ma", "ke", "gh", "tk", "ws", "fm", "am", "dev");

    /** Last parts that make a file name, not a package. */
    private static final Set<String> FILE_ENDINGS = Set.of(
            "js", "css", "html", "htm", "png", "jpg", "jpeg", "gif", "svg", "json", "xml", "php", "mp4", "webp", "ico",
            "txt", "pdf", "zip", "apk", "ipa", "jar", "so", "dex");

    private PackageNames() {
    }

    /** Whether s is a package name with at least minDots dots. */
    static boolean isPackage(String s, int minDots) {
        if (s.length() < 4 || s.length() > MAX_LENGTH) {
            return false;
        }
        int dots = 0;
        int partStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i < s.length() && s.charAt(i) != '.') {
                continue;
            }
            if (!isPart(s, partStart, i)) {
                return false;
            }
            if (i < s.length()) {
                dots++;
            }
            partStart = i + 1;
        }
        int firstDot = s.indexOf('.');
        return dots >= Math.max(1, minDots) && ROOTS.contains(s.substring(0, firstDot))
                && !FILE_ENDINGS.contains(s.substring(s.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** A Java identifier (ASCII), or with '-' inside as iOS bundle ids have. */
    private static boolean isPart(String s, int start, int end) {
        if (start >= end) {
            return false;
        }
        char first = s.charAt(start);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_')) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return s.charAt(end - 1) != '-';
    }
}
