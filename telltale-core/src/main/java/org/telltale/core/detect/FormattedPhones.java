package org.telltale.core.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * Phone canaries written the way people and libraries format numbers: with spaces, dashes, dots,
 * slashes or parentheses ("0721 234 567", "(072) 123-4567", "+40 721-234-567", "0040 721 234 567").
 * Listing every grouping of every country as a spelling would not fit, so one pass over the bytes
 * finds runs of digits and separators and compares a run's digits with each phone canary's digit
 * forms ({@link CanaryVariants#phoneDigitForms}). Only runs that hold a separator are reported here:
 * runs of bare digits are the plain spellings' job. A run must stand alone (no letter or digit
 * either side), so a longer number that merely contains the canary's digits does not match.
 */
final class FormattedPhones {
    /** Sees a run whose digits are a canary's: the pattern id the matcher gave that canary's formatted spelling. */
    interface Sink {
        boolean found(int pattern, int start, int end);
    }

    /** Numbers longer than this (E.164 allows 15 digits, with "00" in front 17) are not phone numbers. */
    private static final int MAX_DIGITS = 17;
    private static final int MIN_DIGITS = 7;

    private final Map<String, Integer> patternByDigits = new HashMap<>();

    /** Adds the digit forms of one phone canary, reported as the given pattern id. */
    void add(Iterable<String> digitForms, int pattern) {
        for (String f : digitForms) {
            patternByDigits.putIfAbsent(f, pattern);
        }
    }

    boolean isEmpty() {
        return patternByDigits.isEmpty();
    }

    void scan(byte[] d, Sink sink) {
        int n = d.length;
        char[] digits = new char[MAX_DIGITS + 1];
        int i = 0;
        while (i < n) {
            int b = d[i];
            boolean opens = b == '+' || b == '(' || isDigit(b);
            if (!opens || i > 0 && isAlnum(d[i - 1])) {
                i++;
                continue;
            }
            int count = 0;
            int lastDigitEnd = -1;
            int run = 0;
            boolean separated = b == '(';
            boolean tooLong = false;
            int j = b == '+' || b == '(' ? i + 1 : i;
            while (j < n) {
                int c = d[j];
                if (isDigit(c)) {
                    if (count < MAX_DIGITS + 1) {
                        digits[count] = (char) c;
                    }
                    count++;
                    tooLong |= count > MAX_DIGITS;
                    lastDigitEnd = j + 1;
                    run = 0;
                } else if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')') {
                    if (++run > 2) {
                        break;
                    }
                    separated |= count > 0;
                } else {
                    break;
                }
                j++;
            }
            if (lastDigitEnd > 0 && separated && !tooLong && count >= MIN_DIGITS
                    && (lastDigitEnd == n || !isAlnum(d[lastDigitEnd]))) {
                Integer pattern = match(digits, count);
                if (pattern != null && !sink.found(pattern, i, lastDigitEnd)) {
                    return;
                }
            }
            i = Math.max(i + 1, lastDigitEnd > 0 ? lastDigitEnd : j);
        }
    }

    private Integer match(char[] digits, int count) {
        String s = new String(digits, 0, count);
        Integer p = patternByDigits.get(s);
        if (p == null && s.startsWith("00")) {
            p = patternByDigits.get(s.substring(2));
        }
        return p;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isAlnum(int b) {
        return isDigit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
