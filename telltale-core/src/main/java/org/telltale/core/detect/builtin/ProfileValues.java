package org.telltale.core.detect.builtin;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.telltale.api.Confidence;

/**
 * The shapes of the device profile's values: what a model name, an OS version, a carrier, a time
 * zone, a locale... look like when sent, so that a telling field name holding something else (an
 * empty string, "unknown", a number where a name belongs) is not reported. Every check is a single
 * pass over a short value. Language, country and time-zone codes come from the JDK's own tables.
 */
final class ProfileValues {
    /**
     * One part of the profile, read from a value.
     *
     * @param kind       the profile kind
     * @param value      the value as reported (an IP address says whether it is private or public)
     * @param confidence how sure the reading is
     */
    record Reading(String kind, String value, Confidence confidence) {
    }

    /** Values that say nothing, whatever the field. */
    private static final Set<String> EMPTY_WORDS = Set.of(
            "unknown", "null", "nil", "none", "undefined", "n/a", "na", "-", "--", "?", "(null)", "default", "empty",
            "not available", "unavailable", "other", "notset", "not set", "0.0", "");
    /** Words a model field holds that name no model. */
    private static final Set<String> NOT_A_MODEL = Set.of(
            "phone", "tablet", "mobile", "android", "androidmobile", "ios", "desktop", "pc", "web", "device", "generic",
            "handset", "smartphone", "true", "false", "app", "browser", "computer", "tv");
    /** Operating-system names a version may follow ("Android 10", "iOS 14.2"), lower case, longest first. */
    private static final String[] OS_NAMES = {
            "iphone os", "windows nt", "mac os x", "chrome os", "harmonyos", "oxygenos", "chromeos", "windows",
            "android", "watchos", "fire os", "fireos", "ipados", "darwin", "ubuntu", "linux", "macos", "tizen",
            "kaios", "tvos", "os x", "emui", "miui", "ios"};
    /** Field names (normal form) that hold an Android API level, a small integer. */
    private static final Set<String> API_LEVEL_NAMES = Set.of(
            "sdkint", "apilevel", "androidapilevel", "androidsdkint", "buildversionsdkint");
    /** Field names (normal form) that hold only a version, so a bare "10.3" is an OS version there. */
    private static final Set<String> VERSION_NAMES = Set.of(
            "osversion", "osv", "platformversion", "androidversion", "iosversion", "systemversion", "osvers", "osver",
            "releaseversion", "buildversionrelease", "deviceosversion", "ov", "sysver");
    private static final Set<String> CARRIER_NOT = Set.of("wifi", "carrier", "android", "ios", "mobile", "operator");
    private static final Set<String> NETWORK_TYPES = Set.of(
            "wifi", "wi-fi", "wlan", "cellular", "cell", "mobile", "wwan", "2g", "3g", "4g", "5g", "lte", "lte+", "nr",
            "edge", "gprs", "umts", "hspa", "hspa+", "hsdpa", "hsupa", "hspap", "cdma", "evdo", "1xrtt", "ehrpd",
            "ethernet", "eth", "wired", "bluetooth", "offline", "4g/lte", "5g/nr", "wimax", "gsm", "td-scdma",
            "network_wifi", "network_mobile", "mobile_4g", "mobile_3g", "mobile_5g");
    private static final Set<String> BATTERY_STATES = Set.of(
            "charging", "discharging", "full", "not charging", "notcharging", "not_charging", "unplugged", "plugged",
            "ac", "usb", "wireless", "charged");
    private static final Set<String> FLAGS = Set.of("true", "false", "1", "0", "yes", "no");
    private static final Set<String> SINGLE_DIMENSION = Set.of(
            "screenwidth", "screenheight", "displaywidth", "displayheight", "screenwidthpx", "screenheightpx",
            "scrw", "scrh");
    private static final Set<String> MCC_ONLY = Set.of("mcc", "simmcc", "networkmcc");
    /** The JDK's IANA zone names, copied once: ZoneId makes a new set on every call. */
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());
    private static final Set<String> LANGUAGES = new HashSet<>();
    private static final Set<String> COUNTRIES = new HashSet<>();

    static {
        for (String l : Locale.getISOLanguages()) {
            LANGUAGES.add(l);
            try {
                LANGUAGES.add(new Locale(l).getISO3Language());
            } catch (java.util.MissingResourceException e) {
                // a language without a three-letter code: the two letters still count
            }
        }
        for (String c : Locale.getISOCountries()) {
            COUNTRIES.add(c.toLowerCase(Locale.ROOT));
            try {
                COUNTRIES.add(new Locale("", c).getISO3Country().toLowerCase(Locale.ROOT));
            } catch (java.util.MissingResourceException e) {
                // the two letters still count
            }
        }
        COUNTRIES.add("uk"); // not ISO 3166, but how many SDKs write the United Kingdom
    }

    private ProfileValues() {
    }

    /** The part of the profile a value under a telling field name is, or null when it does not fit. */
    static Reading read(ProfileFields.Field field, String fieldName, String value) {
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.length() > 128 || EMPTY_WORDS.contains(lower)) {
            return null;
        }
        Confidence c = field.confidence();
        String kind = field.kind();
        switch (kind) {
            case "device_model":
                return isModel(v, lower) ? new Reading(kind, v, c) : null;
            case "os_version":
                return osVersion(fieldName, v, lower, c);
            case "build_fingerprint":
                return isBuildFingerprint(v) ? new Reading(kind, v, Confidence.HIGH) : null;
            case "carrier":
                if (isMccMnc(v)) {
                    return new Reading("mcc_mnc", v, c);
                }
                return isCarrier(v, lower) ? new Reading(kind, v, c) : null;
            case "mcc_mnc":
                if (MCC_ONLY.contains(fieldName)) {
                    return isMcc(v) ? new Reading(kind, v, Confidence.MEDIUM) : null;
                }
                return isMccMnc(v) ? new Reading(kind, v, c) : null;
            case "network_type":
                return NETWORK_TYPES.contains(lower) ? new Reading(kind, v, c) : null;
            case "ip_address":
                return ipAddress(v, c);
            case "time_zone":
                return timeZone(v, c);
            case "language":
                return isLocale(v) ? new Reading(kind, v, c) : null;
            case "country":
                return isCountry(v) ? new Reading(kind, v, c) : null;
            case "screen_size":
                if (SINGLE_DIMENSION.contains(fieldName)) {
                    return isDimension(v) ? new Reading(kind, v, Confidence.MEDIUM) : null;
                }
                return isScreenSize(v) ? new Reading(kind, v, c) : null;
            case "memory":
            case "disk":
                return isAmount(lower) ? new Reading(kind, v, c) : null;
            case "battery":
                return isBattery(lower) ? new Reading(kind, v, c) : null;
            case "device_integrity":
                return FLAGS.contains(lower) ? new Reading(kind, v, c) : null;
            default:
                return null;
        }
    }

    /** A device name: has a letter, a few joiners, and is not a word for a class of device. */
    static boolean isModel(String v, String lower) {
        return v.length() >= 2 && v.length() <= 64 && !NOT_A_MODEL.contains(lower) && !v.contains("://")
                && isName(v, " -_.()+,/");
    }

    /** Letters (at least one), digits and the given joiners only: a product's or a company's name. */
    private static boolean isName(String v, String joiners) {
        boolean letter = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else if (!(Character.isDigit(c) || joiners.indexOf(c) >= 0)) {
                return false;
            }
        }
        return letter;
    }

    private static Reading osVersion(String fieldName, String v, String lower, Confidence c) {
        if (API_LEVEL_NAMES.contains(fieldName)) {
            Integer level = smallInt(v);
            return level != null && level >= 1 && level <= 40 ? new Reading("os_version", v, c) : null;
        }
        String name = osName(lower);
        if (name == null) {
            return VERSION_NAMES.contains(fieldName) && isVersion(v) ? new Reading("os_version", v, c) : null;
        }
        String rest = v.substring(name.length()).strip();
        if (rest.startsWith("/") || rest.startsWith("_") || rest.startsWith("-")) {
            rest = rest.substring(1).strip();
        }
        if (rest.isEmpty()) {
            return new Reading("os_version", v, c);
        }
        return isVersion(rest) ? new Reading("os_version", v, Confidence.HIGH) : null;
    }

    /** The OS name a value starts with (followed by nothing, a space, a digit or a separator), or null. */
    static String osName(String lower) {
        for (String n : OS_NAMES) {
            if (lower.startsWith(n)) {
                if (lower.length() == n.length()) {
                    return n;
                }
                char next = lower.charAt(n.length());
                if (next == ' ' || next == '/' || next == '_' || next == '-' || Character.isDigit(next)) {
                    return n;
                }
            }
        }
        return null;
    }

    /** "10", "14.2.1", "10_2", "4.4.4": one to four numeric parts, each at most five digits. */
    static boolean isVersion(String v) {
        int parts = 1;
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 5) {
                    return false;
                }
            } else if ((c == '.' || c == '_') && digits > 0) {
                parts++;
                digits = 0;
            } else {
                return false;
            }
        }
        return digits > 0 && parts <= 4;
    }

    /**
     * Android's build fingerprint, brand/product/device:release/id/incremental:type/tags
     * ("google/sargo/sargo:10/QQ1B.200105.004/6031802:user/release-keys").
     */
    static boolean isBuildFingerprint(String v) {
        if (v.length() < 20 || v.length() > 256) {
            return false;
        }
        String[] parts = v.split(":", -1);
        if (parts.length != 3 || !slashParts(parts[0], 3) || !slashParts(parts[1], 3) || !slashParts(parts[2], 2)) {
            return false;
        }
        String type = parts[2].substring(0, parts[2].indexOf('/'));
        return type.equals("user") || type.equals("userdebug") || type.equals("eng");
    }

    private static boolean slashParts(String s, int count) {
        String[] p = s.split("/", -1);
        if (p.length != count) {
            return false;
        }
        for (String part : p) {
            if (part.isEmpty()) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (!(Character.isLetterOrDigit(c) || "._-".indexOf(c) >= 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A carrier's name: letters, short, not a network type or a placeholder. */
    static boolean isCarrier(String v, String lower) {
        return v.length() >= 2 && v.length() <= 40 && !CARRIER_NOT.contains(lower) && !NETWORK_TYPES.contains(lower)
                && isName(v, " -&.'_()!+");
    }

    /** An MCC and MNC: five or six digits ("310260", "46000"), or "310-260", with a valid country code. */
    static boolean isMccMnc(String v) {
        String digits = v.length() >= 6 && (v.charAt(3) == '-' || v.charAt(3) == '_')
                ? v.substring(0, 3) + v.substring(4) : v;
        if (digits.length() < 5 || digits.length() > 6 || smallInt(digits) == null) {
            return false;
        }
        return isMcc(digits.substring(0, 3));
    }

    /** A mobile country code: three digits from 200 to 799 (ITU-T E.212's geographic range). */
    static boolean isMcc(String v) {
        Integer n = v.length() == 3 ? smallInt(v) : null;
        return n != null && n >= 200 && n <= 799;
    }

    private static Reading ipAddress(String v, Confidence c) {
        int[] v4 = ipv4(v);
        if (v4 != null) {
            if (v4[0] == 0 || v4[0] == 127 || v4[0] >= 224) {
                return null; // unspecified, loopback, multicast and broadcast say nothing of the device
            }
            boolean local = v4[0] == 10 || v4[0] == 172 && v4[1] >= 16 && v4[1] <= 31 || v4[0] == 192 && v4[1] == 168
                    || v4[0] == 169 && v4[1] == 254 || v4[0] == 100 && v4[1] >= 64 && v4[1] <= 127;
            return new Reading("ip_address", v + (local ? " (private)" : " (public)"), c);
        }
        if (!isIpv6(v)) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("::1") || lower.equals("::")) {
            return null;
        }
        boolean local = lower.startsWith("fe8") || lower.startsWith("fe9") || lower.startsWith("fea")
                || lower.startsWith("feb") || lower.startsWith("fc") || lower.startsWith("fd");
        return new Reading("ip_address", v + (local ? " (private)" : " (public)"), c);
    }

    /** The four numbers of a dotted IPv4 address, or null. */
    static int[] ipv4(String v) {
        String[] p = v.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || p[i].length() > 1 && p[i].charAt(0) == '0') {
                return null;
            }
            Integer n = smallInt(p[i]);
            if (n == null || n > 255) {
                return null;
            }
            out[i] = n;
        }
        return out;
    }

    /** An IPv6 address: hex groups of up to four digits, at least two colons, at most one "::". */
    static boolean isIpv6(String v) {
        if (v.length() < 2 || v.length() > 45) {
            return false;
        }
        int colons = 0;
        int group = 0;
        int groups = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ':') {
                colons++;
                if (group > 0) {
                    groups++;
                }
                group = 0;
            } else if (Character.digit(c, 16) >= 0) {
                if (++group > 4) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (group > 0) {
            groups++;
        }
        int doubles = v.split("::", -1).length - 1;
        return colons >= 2 && colons <= 7 && doubles <= 1 && (doubles == 1 || groups == 8) && !v.contains(":::");
    }

    private static Reading timeZone(String v, Confidence c) {
        if (isZoneId(v)) {
            return new Reading("time_zone", v, Confidence.HIGH);
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (upper.equals("UTC") || upper.equals("GMT")) {
            return new Reading("time_zone", v, c);
        }
        String offset = upper.startsWith("GMT") || upper.startsWith("UTC") ? upper.substring(3).strip() : upper;
        if (!offset.equals(upper) && isOffset(offset) || (offset.startsWith("+") || offset.startsWith("-"))
                && offset.length() >= 3 && isOffset(offset)) {
            return new Reading("time_zone", v, c);
        }
        return isNumericOffset(v) ? new Reading("time_zone", v, Confidence.MEDIUM) : null;
    }

    /** An IANA time-zone name the JDK knows, with a region ("Asia/Shanghai", "America/Argentina/Salta"). */
    static boolean isZoneId(String v) {
        int slash = v.indexOf('/');
        if (slash <= 0 || v.length() > 40 || !Character.isUpperCase(v.charAt(0))) {
            return false;
        }
        return !v.startsWith("SystemV/") && ZONES.contains(v);
    }

    /** "+08:00", "-0500", "+8", "+5:30". */
    private static boolean isOffset(String s) {
        if (s.length() < 2 || s.charAt(0) != '+' && s.charAt(0) != '-') {
            return false;
        }
        String body = s.substring(1);
        int colon = body.indexOf(':');
        String hours = colon >= 0 ? body.substring(0, colon) : body.length() == 4 ? body.substring(0, 2) : body;
        String minutes = colon >= 0 ? body.substring(colon + 1) : body.length() == 4 ? body.substring(2) : "00";
        Integer h = hours.length() <= 2 ? smallInt(hours) : null;
        Integer m = minutes.length() == 2 ? smallInt(minutes) : null;
        return h != null && m != null && h <= 14 && (m == 0 || m == 30 || m == 45);
    }

    /** A whole number offset from UTC in hours (up to 14), minutes (quarter hours) or seconds (quarter hours). */
    static boolean isNumericOffset(String v) {
        String s = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        if (s.endsWith(".5") || s.endsWith(".75") || s.endsWith(".25")) {
            Integer h = smallInt(s.substring(0, s.indexOf('.')));
            return h != null && h <= 14;
        }
        Integer n = smallInt(s);
        if (n == null || n == 0) {
            return false;
        }
        return n <= 14 || n <= 840 && n % 15 == 0 || n <= 50400 && n % 900 == 0;
    }

    /** A language tag: a known ISO 639 language, optionally a script and a known region ("zh-Hans-CN", "en_US"). */
    static boolean isLocale(String v) {
        String[] parts = v.split("[-_]", -1);
        if (parts.length > 3 || !LANGUAGES.contains(letters(parts[0], 2, 3))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            boolean script = p.length() == 4 && letters(p, 4, 4) != null && i == 1 && parts.length == 3;
            boolean region = i == parts.length - 1 && (COUNTRIES.contains(letters(p, 2, 2))
                    || p.length() == 3 && smallInt(p) != null);
            if (!script && !region) {
                return false;
            }
        }
        return sameCase(parts[0]);
    }

    /** An ISO 3166 country code, two or three letters, all in one case. */
    static boolean isCountry(String v) {
        return COUNTRIES.contains(letters(v, 2, 3)) && sameCase(v);
    }

    private static boolean sameCase(String s) {
        return s.equals(s.toLowerCase(Locale.ROOT)) || s.equals(s.toUpperCase(Locale.ROOT));
    }

    /** The text in lower case when it is only ASCII letters and its length is in range, else null. */
    private static String letters(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Width by height in pixels: "1080x2340", "1920*1080", "750×1334". */
    static boolean isScreenSize(String v) {
        int sep = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 'x' || c == 'X' || c == '*' || c == '\u00d7') {
                if (sep >= 0) {
                    return false;
                }
                sep = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return sep > 0 && isDimension(v.substring(0, sep)) && isDimension(v.substring(sep + 1));
    }

    /** One side of a screen in pixels, 120 to 16384. */
    static boolean isDimension(String v) {
        Integer n = v.length() <= 5 ? smallInt(v) : null;
        return n != null && n >= 120 && n <= 16384;
    }

    /** An amount of memory or storage: a positive number, with or without a unit ("3.5 GB", "2048MB", "4294967296"). */
    static boolean isAmount(String lower) {
        int i = 0;
        boolean digit = false;
        boolean nonZero = false;
        while (i < lower.length() && (Character.isDigit(lower.charAt(i)) || lower.charAt(i) == '.')) {
            digit |= Character.isDigit(lower.charAt(i));
            nonZero |= lower.charAt(i) >= '1' && lower.charAt(i) <= '9';
            i++;
        }
        if (!digit || !nonZero || i > 20) {
            return false;
        }
        String unit = lower.substring(i).strip();
        return unit.isEmpty() || Set.of("b", "k", "kb", "kib", "m", "mb", "mib", "g", "gb", "gib", "t", "tb", "tib", "bytes")
                .contains(unit);
    }

    /** A battery level (0 to 100, or a fraction of one), a charging state or a charging flag. */
    static boolean isBattery(String lower) {
        if (BATTERY_STATES.contains(lower) || FLAGS.contains(lower)) {
            return true;
        }
        String number = lower.endsWith("%") ? lower.substring(0, lower.length() - 1) : lower;
        if (number.isEmpty() || number.length() > 8) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (!(Character.isDigit(c) || c == '.')) {
                return false;
            }
        }
        try {
            double d = Double.parseDouble(number);
            return d >= 0 && d <= 100;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A non-negative decimal of at most nine digits, or null. */
    private static Integer smallInt(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return null;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
