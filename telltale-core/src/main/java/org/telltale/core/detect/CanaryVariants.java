package org.telltale.core.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.telltale.api.Canary;

/**
 * The spellings a real SDK produces for a canary: its normal forms per type, its percent-encoded
 * forms, and hashes of its normalised values as hex and base64. Matching folds ASCII case, so only
 * one case of each spelling is listed. The list is deduplicated (the first, most plain label wins)
 * and bounded.
 */
public final class CanaryVariants {
    /** At most this many spellings per canary, so that one canary cannot dominate the automaton. */
    public static final int MAX_PER_CANARY = 128;
    /** Shorter spellings match too much by chance and are left out. */
    public static final int MIN_LENGTH = 4;

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern COUNTRY_GROUP = Pattern.compile("^\\s*(?:\\+|00)\\s*(\\d{1,3})[\\s.\\-/()]");
    private static final String[] HASHES = {"md5", "sha1", "sha256"};

    /**
     * One spelling.
     *
     * @param text      the bytes to look for, as text (matched as UTF-8 with ASCII case folded)
     * @param transform how the value was transformed: "plain", "url-encoded", "md5-base64", ...
     */
    public record Variant(String text, String transform) {
    }

    private CanaryVariants() {
    }

    /** The spellings of one canary, plain ones first. */
    public static List<Variant> of(Canary canary) {
        Collector out = new Collector();
        String v = canary.value().trim();
        switch (canary.type()) {
            case URL -> url(v, out);
            case SEARCH -> search(v, out);
            case EMAIL -> email(v, out);
            case PHONE -> phone(v, out);
            case IMEI -> digitsOnly(v, out);
            case ANDROID_ID -> simple(v.toLowerCase(Locale.ROOT), out);
            case ADVERTISING_ID -> advertisingId(v, out);
            case MAC -> mac(v, out);
            case TEXT, PATH -> textOrPath(v, out);
        }
        return out.list();
    }

    /**
     * The spellings of a value the run learned rather than one that was planted: an identifier found
     * in one request and looked for in every other (its kind decides its normal forms, as for a canary
     * of that type), or an ID seen reaching several organisations. Beyond a canary's own spellings, an
     * identifier's hashes of its upper-case form and its base64 are listed, because SDKs hash the
     * value as they hold it; a shared ID is looked for as sent (plain, percent-encoded, base64), not
     * hashed, since it is the same token that travels.
     *
     * @param type  the canary type whose spellings fit the value (an IMEI, a MAC), or null for a generic
     *              identifier (a device ID, a user ID)
     * @param value the value as first seen
     * @param hashed whether hashes of it are looked for too
     */
    public static List<Variant> learned(org.telltale.api.CanaryType type, String value, boolean hashed) {
        Collector out = new Collector();
        String v = value.trim();
        if (type != null && hashed) {
            for (Variant known : of(new Canary("learned", type, v, List.of()))) {
                out.add(known.text(), known.transform());
            }
        } else {
            out.add(v, "plain");
            out.add(percentEncode(v, false), "url-encoded");
        }
        base64(v, out);
        if (hashed) {
            hashes(v, out);
            hashes(v.toLowerCase(Locale.ROOT), out);
            hashes(v.toUpperCase(Locale.ROOT), out);
        }
        return out.list();
    }

    /** The value's UTF-8 bytes as base64, both alphabets, with and without padding. */
    private static void base64(String v, Collector out) {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(bytes);
        String url = Base64.getUrlEncoder().encodeToString(bytes);
        out.add(b64, "base64");
        out.add(stripPadding(b64), "base64");
        out.add(url, "base64");
        out.add(stripPadding(url), "base64");
    }

    private static void url(String v, Collector out) {
        List<String> forms = new ArrayList<>();
        Matcher scheme = SCHEME.matcher(v);
        List<String> bases = scheme.find() ? List.of(v, v.substring(scheme.end())) : List.of(v);
        for (String base : bases) {
            forms.add(base);
            forms.add(base.endsWith("/") ? base.substring(0, base.length() - 1) : base + "/");
        }
        forms.forEach(f -> out.add(f, "plain"));
        forms.forEach(f -> out.add(f.replace("/", "\\/"), "json-escaped"));
        forms.forEach(f -> out.add(percentEncode(f, false), "url-encoded"));
        forms.forEach(f -> out.add(percentEncode(percentEncode(f, false), false), "double-url-encoded"));
        hashes(v, out);
    }

    private static void search(String v, Collector out) {
        out.add(v, "plain");
        out.add(percentEncode(v, true), "form-encoded");
        out.add(percentEncode(v, false), "url-encoded");
        out.add(percentEncode(percentEncode(v, true), false), "double-url-encoded");
        out.add(percentEncode(percentEncode(v, false), false), "double-url-encoded");
        hashes(v, out);
    }

    private static void textOrPath(String v, Collector out) {
        out.add(v, "plain");
        out.add(v.replace("/", "\\/"), "json-escaped");
        out.add(percentEncode(v, false), "url-encoded");
        out.add(percentEncode(v, true), "form-encoded");
        hashes(v, out);
    }

    private static void simple(String normal, Collector out) {
        out.add(normal, "plain");
        out.add(percentEncode(normal, false), "url-encoded");
        hashes(normal, out);
    }

    /**
     * An e-mail address lower-cased, and its hashes both lower-cased (what ad platforms ask for) and
     * as typed (what an SDK that does not normalise sends).
     */
    private static void email(String v, Collector out) {
        simple(v.toLowerCase(Locale.ROOT), out);
        if (!v.equals(v.toLowerCase(Locale.ROOT))) {
            hashes(v, out);
        }
    }

    private static void digitsOnly(String v, Collector out) {
        String digits = v.replaceAll("\\D", "");
        String normal = digits.length() >= MIN_LENGTH ? digits : v;
        out.add(normal, "plain");
        hashes(normal, out);
    }

    /**
     * A number with a country code ("+33 6 12 34 56 78") is also sent as 33612345678, +33612345678,
     * 0612345678 (national, with the trunk 0) and 612345678; one without keeps its national form.
     */
    private static void phone(String v, Collector out) {
        String digits = v.replaceAll("\\D", "");
        String trimmed = v.replaceAll("\\s+", " ");
        boolean international = trimmed.startsWith("+") || (trimmed.startsWith("00") && digits.length() > 10);
        out.add(trimmed, "plain");
        if (!international) {
            out.add(digits, "plain");
            out.add(percentEncode(trimmed, false), "url-encoded");
            out.add(percentEncode(trimmed, true), "form-encoded");
            hashes(digits, out);
            return;
        }
        String full = trimmed.startsWith("+") ? digits : digits.substring(2);
        int cc = countryCodeLength(trimmed, full);
        String national = full.substring(cc);
        String e164 = "+" + full;
        out.add(full, "plain");
        out.add(e164, "plain");
        out.add(national.startsWith("0") ? national : "0" + national, "plain");
        out.add(national, "plain");
        out.add("00" + full, "plain");
        out.add(percentEncode(e164, false), "url-encoded");
        out.add(percentEncode(trimmed, false), "url-encoded");
        out.add(percentEncode(trimmed, true), "form-encoded");
        hashes(e164, out);
        hashes(full, out);
    }

    /** The country code's length: from the way it was written when separated, else from ITU zones. */
    static int countryCodeLength(String written, String fullDigits) {
        Matcher m = COUNTRY_GROUP.matcher(written);
        if (m.find() && m.group(1).length() < fullDigits.length()) {
            return m.group(1).length();
        }
        if (fullDigits.isEmpty()) {
            return 0;
        }
        char first = fullDigits.charAt(0);
        if (first == '1' || first == '7') {
            return 1;
        }
        if (fullDigits.length() < 2) {
            return fullDigits.length();
        }
        int two = Integer.parseInt(fullDigits.substring(0, 2));
        return TWO_DIGIT_CODES.contains(two) ? 2 : Math.min(3, fullDigits.length());
    }

    /** The two-digit country calling codes; other codes starting 2-9 have three digits. */
    private static final java.util.Set<Integer> TWO_DIGIT_CODES = java.util.Set.of(
            20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
            51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66,
            81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98);

    private static void advertisingId(String v, Collector out) {
        String hex = v.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 32) {
            simple(v.toLowerCase(Locale.ROOT), out);
            return;
        }
        String dashed = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        out.add(dashed, "plain");
        out.add(hex, "plain");
        hashes(dashed, out);
        hashes(dashed.toUpperCase(Locale.ROOT), out);
    }

    private static void mac(String v, Collector out) {
        String hex = v.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 12) {
            simple(v.toLowerCase(Locale.ROOT), out);
            return;
        }
        StringBuilder colon = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            colon.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        String colons = colon.toString();
        out.add(colons, "plain");
        out.add(colons.replace(':', '-'), "plain");
        out.add(hex, "plain");
        out.add(hex.substring(0, 4) + "." + hex.substring(4, 8) + "." + hex.substring(8), "plain");
        out.add(percentEncode(colons, false), "url-encoded");
        hashes(colons, out);
        hashes(colons.toUpperCase(Locale.ROOT), out);
        hashes(hex, out);
        hashes(hex.toUpperCase(Locale.ROOT), out);
    }

    /**
     * The digit strings a phone canary is compared with when a number is written with spaces,
     * dashes, dots or parentheses ("0721 234 567", "(072) 123-4567", "+40 721-234-567"): the
     * international digits (country code and number), the national number with its trunk 0 and
     * without it; for a number written without a country code, its digits (and without a leading 0).
     * Shorter than seven digits are left out, as they match by chance.
     */
    public static List<String> phoneDigitForms(Canary canary) {
        String v = canary.value().trim();
        String digits = v.replaceAll("\\D", "");
        String trimmed = v.replaceAll("\\s+", " ");
        boolean international = trimmed.startsWith("+") || (trimmed.startsWith("00") && digits.length() > 10);
        java.util.LinkedHashSet<String> forms = new java.util.LinkedHashSet<>();
        if (!international) {
            forms.add(digits);
            if (digits.startsWith("0")) {
                forms.add(digits.substring(1));
            }
        } else {
            String full = trimmed.startsWith("+") ? digits : digits.substring(2);
            String national = full.substring(countryCodeLength(trimmed, full));
            forms.add(full);
            forms.add(national.startsWith("0") ? national : "0" + national);
            forms.add(national.startsWith("0") ? national.substring(1) : national);
            // "+40 (0)721 234 567": the trunk 0 kept in parentheses after the country code.
            forms.add(full.substring(0, full.length() - national.length()) + (national.startsWith("0") ? "" : "0")
                    + national);
        }
        forms.removeIf(f -> f.length() < 7);
        return List.copyOf(forms);
    }

    private static void hashes(String input, Collector out) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (String name : HASHES) {
            byte[] d = digest(name, bytes);
            out.add(hex(d), name);
            out.add(javaHex(d), name + "-java-hex");
            String b64 = Base64.getEncoder().encodeToString(d);
            String url = Base64.getUrlEncoder().encodeToString(d);
            out.add(b64, name + "-base64");
            out.add(stripPadding(b64), name + "-base64");
            out.add(url, name + "-base64");
            out.add(stripPadding(url), name + "-base64");
        }
    }

    private static byte[] digest(String name, byte[] input) {
        String algorithm = switch (name) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            default -> "SHA-256";
        };
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder(d.length * 2);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** Hex as written by the common bug {@code Integer.toHexString(b & 0xff)}: no leading zero per byte. */
    static String javaHex(byte[] d) {
        StringBuilder sb = new StringBuilder(d.length * 2);
        for (byte b : d) {
            sb.append(Integer.toHexString(b & 0xff));
        }
        return sb.toString();
    }

    private static String stripPadding(String b64) {
        int end = b64.length();
        while (end > 0 && b64.charAt(end - 1) == '=') {
            end--;
        }
        return b64.substring(0, end);
    }

    /**
     * Percent-encodes UTF-8 bytes, keeping RFC 3986's unreserved characters; in form style a space
     * becomes '+'.
     */
    static String percentEncode(String s, boolean form) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte raw : bytes) {
            int b = raw & 0xff;
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.' || b == '_' || b == '~') {
                sb.append((char) b);
            } else if (form && b == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Keeps the first spelling of each case-folded text, up to the bound. */
    private static final class Collector {
        private final Map<String, Variant> byFolded = new LinkedHashMap<>();

        void add(String text, String transform) {
            if (text.length() < MIN_LENGTH || byFolded.size() >= MAX_PER_CANARY) {
                return;
            }
            byFolded.putIfAbsent(foldAscii(text), new Variant(text, transform));
        }

        List<Variant> list() {
            return List.copyOf(byFolded.values());
        }
    }

    static String foldAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }
}
