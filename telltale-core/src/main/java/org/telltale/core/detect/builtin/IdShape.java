package org.telltale.core.detect.builtin;

import java.util.Locale;

/**
 * What an identifier looks like, judged from the value alone: a UUID, a run of hex digits of a
 * hash or random id's length, a long number, digit groups (Amazon's "154-3103265-2932516", Google
 * Analytics' "1635221331.1515916349"), or a token of enough entropy (base64, base62). Everything
 * else is {@link #NONE}: words, booleans, short values, version strings, one digit repeated, the
 * zero UUID, and numbers that read as a timestamp or a date, which name a moment, not a person.
 * The shape alone never makes a finding; a field name has to say what the value is.
 */
enum IdShape {
    UUID, HEX16, HEX, NUMBER, DIGIT_GROUPS, TOKEN, NONE;

    /** Shorter values are counters, flags and codes; no SDK's random id is this short. */
    static final int MIN_LENGTH = 8;
    /** Longer values are documents or signed blobs, not one id (a push token is about 160). */
    static final int MAX_LENGTH = 512;
    /** A token needs this many different letters and digits to be random rather than a word. */
    private static final int MIN_DISTINCT = 10;

    /** The Unix seconds of 2000-01-01 and of 2038-01-19: a 10-digit number between them is a time. */
    private static final long FIRST_SECOND = 946_684_800L;
    private static final long LAST_SECOND = 2_147_483_647L;

    /** The shape of a whole value (already trimmed). */
    static IdShape of(String s) {
        int n = s.length();
        if (n < MIN_LENGTH || n > MAX_LENGTH || allSame(s)) {
            return NONE;
        }
        if (AdvertisingIdDetector.isUuid(s)) {
            return s.replace("-", "").chars().allMatch(c -> c == '0') ? NONE : UUID;
        }
        int digits = 0;
        int hexLetters = 0;
        int letters = 0;
        int others = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letters++;
                if (Character.digit(c, 16) >= 0) {
                    hexLetters++;
                }
            } else {
                others++;
            }
        }
        if (digits == n || digits == n - 1 && s.charAt(0) == '-') {
            return number(s.charAt(0) == '-' ? s.substring(1) : s);
        }
        if (others == 0 && letters == hexLetters && digits > 0 && oneCase(s)) {
            return n == 16 ? HEX16 : n >= 20 ? HEX : NONE;
        }
        if (letters == 0) {
            return digitGroups(s, digits);
        }
        return token(s, digits, letters);
    }

    /** Whether the shape is one a random or hashed id has, as opposed to a number or a digit group. */
    boolean strong() {
        return this == UUID || this == HEX16 || this == HEX;
    }

    private static IdShape number(String d) {
        int n = d.length();
        if (n < MIN_LENGTH || n > 40 || allSame(d) || ascending(d)) {
            return NONE;
        }
        if (n == 10 && inSeconds(Long.parseLong(d)) || n == 13 && inSeconds(Long.parseLong(d) / 1000)) {
            return NONE; // Unix time in seconds or milliseconds
        }
        if ((n == 8 || n == 12 || n == 14) && looksLikeDate(d)) {
            return NONE; // yyyyMMdd, yyyyMMddHHmm, yyyyMMddHHmmss
        }
        return NUMBER;
    }

    /** Digits in groups joined by '-' or '.': long enough to be more than an IP address, a date or a version. */
    private static IdShape digitGroups(String s, int digits) {
        if (digits < 14) {
            return NONE;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '-' && c != '.') {
                return NONE;
            }
        }
        if (s.startsWith(".") || s.endsWith(".") || s.startsWith("-") || s.endsWith("-")) {
            return NONE;
        }
        return DIGIT_GROUPS;
    }

    /** base64, base64url and base62 tokens, with a few separators SDKs put in their ids. */
    private static IdShape token(String s, int digits, int letters) {
        if (s.length() < 16 || digits == 0 || letters == 0) {
            return NONE; // shorter is a code; without digits it reads as a word or a phrase
        }
        boolean[] seen = new boolean[128];
        int distinct = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || "-_.+/=|:~^".indexOf(c) < 0 && !Character.isLetterOrDigit(c)) {
                return NONE; // spaces, quotes, '@', '&', '?': text or structure, not one id
            }
            if (Character.isLetterOrDigit(c) && !seen[c]) {
                seen[c] = true;
                distinct++;
            }
        }
        // Mostly digits with a short prefix ("GA1.2.1635221331.1515916349") has few distinct characters
        // but as many digits as a random number.
        if (distinct < MIN_DISTINCT && digits < 14 || s.contains("://") || MacDetector.isMac(s, ':') || versionLike(s)
                || isoDate(s)) {
            return NONE;
        }
        return TOKEN;
    }

    /** "1.2.3-beta4", "v2.11.0.5952": dot-separated short parts. */
    private static boolean versionLike(String s) {
        String[] parts = s.split("[.]", -1);
        if (parts.length < 3) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 6) {
                return false;
            }
        }
        return true;
    }

    /** "2015-02-02T10:20:30Z": a moment written as text. */
    private static boolean isoDate(String s) {
        return s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-'
                && s.substring(0, 4).chars().allMatch(Character::isDigit);
    }

    private static boolean oneCase(String s) {
        return s.equals(s.toLowerCase(Locale.ROOT)) || s.equals(s.toUpperCase(Locale.ROOT));
    }

    private static boolean inSeconds(long t) {
        return t >= FIRST_SECOND && t <= LAST_SECOND;
    }

    private static boolean looksLikeDate(String d) {
        int year = Integer.parseInt(d.substring(0, 4));
        int month = Integer.parseInt(d.substring(4, 6));
        int day = Integer.parseInt(d.substring(6, 8));
        return year >= 1970 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** "12345678", "0123456789": a placeholder typed by a person, not an id. */
    private static boolean ascending(String d) {
        for (int i = 1; i < d.length(); i++) {
            if ((d.charAt(i - 1) - '0' + 1) % 10 != d.charAt(i) - '0') {
                return false;
            }
        }
        return true;
    }

    static boolean allSame(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) != s.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
