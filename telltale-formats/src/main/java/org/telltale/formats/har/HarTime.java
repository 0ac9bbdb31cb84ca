package org.telltale.formats.har;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads a HAR {@code startedDateTime}: ISO 8601 with an optional offset ("Z", "+HH:MM" or "+HHMM"),
 * taken as UTC without one. The shapes browsers write ("2023-03-29T17:37:42.482-07:00", "...Z") are
 * read by hand, because the formatter was a visible share of reading a HAR; everything else, out of
 * range values included, goes to the formatter, which decides as before.
 */
final class HarTime {
    private static final DateTimeFormatter ISO_WITH_ANY_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    /** "2023-03-29T17:37:42": the part every common shape starts with. */
    private static final int SECONDS_END = 19;

    private HarTime() {
    }

    /** The instant written, or null when {@code written} is no ISO date and time (after the formatter said so). */
    static Instant parse(String written) {
        String s = written.strip();
        Instant quick = common(s);
        return quick != null ? quick : viaFormatter(s);
    }

    /** The formatter's reading, or null. */
    static Instant viaFormatter(String s) {
        try {
            TemporalAccessor parsed = ISO_WITH_ANY_OFFSET.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * "yyyy-MM-ddTHH:mm:ss", then 1 to 9 digits of fraction after a point, then nothing, "Z" or
     * "+HH:MM"/"-HH:MM", with every number in its range; null for anything else.
     */
    static Instant common(String s) {
        int n = s.length();
        if (n < SECONDS_END || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = SECONDS_END;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int from = ++i;
            while (i < n && i - from < 10 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + s.charAt(i++) - '0';
            }
            int count = i - from;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(s, i);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The offset that ends {@code s} from {@code i}: nothing or "Z" is 0; MIN_VALUE for any other shape. */
    private static int offsetSeconds(String s, int i) {
        int left = s.length() - i;
        if (left == 0 || left == 1 && s.charAt(i) == 'Z') {
            return 0;
        }
        char sign = left == 6 ? s.charAt(i) : 0;
        if (sign != '+' && sign != '-' || s.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE; // ±18:00 and beyond are the formatter's to judge
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The decimal number in {@code count} characters from {@code from}, or -1 if one is no ASCII digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
