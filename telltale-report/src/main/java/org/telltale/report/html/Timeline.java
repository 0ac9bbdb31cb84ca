package org.telltale.report.html;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every request of the captures on one time axis, in a fixed number of bins, so a capture of a
 * million requests draws as quickly as one of ten; a bin says how many requests it holds and how
 * many of them carried personal data.
 *
 * @param start   the first request's time, or null when no request has one
 * @param end     the last request's time, or null
 * @param bins    the bins, of equal width, from start to end
 * @param untimed requests whose capture gives no time
 */
public record Timeline(Instant start, Instant end, List<Bin> bins, long untimed) {
    /** The number of bins a timeline is drawn with. */
    public static final int BINS = 120;

    public Timeline {
        bins = List.copyOf(bins);
    }

    /**
     * One slice of time.
     *
     * @param requests     requests that started in it
     * @param withFindings those of them that carried personal data
     */
    public record Bin(long requests, long withFindings) {
    }

    /** Collects request times, then bins them. */
    public static final class Builder {
        private long[] millis = new long[1024];
        private boolean[] found = new boolean[1024];
        private int size;
        private long untimed;

        /** One request; a null time is counted but not placed. */
        public void add(Instant time, boolean withFindings) {
            if (time == null) {
                untimed++;
                return;
            }
            if (size == millis.length) {
                millis = Arrays.copyOf(millis, size * 2);
                found = Arrays.copyOf(found, size * 2);
            }
            millis[size] = time.toEpochMilli();
            found[size++] = withFindings;
        }

        public Timeline build() {
            if (size == 0) {
                return new Timeline(null, null, List.of(), untimed);
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, millis[i]);
                max = Math.max(max, millis[i]);
            }
            long[] requests = new long[BINS];
            long[] withFindings = new long[BINS];
            double width = Math.max(1, max - min + 1) / (double) BINS;
            for (int i = 0; i < size; i++) {
                int b = Math.min(BINS - 1, (int) ((millis[i] - min) / width));
                requests[b]++;
                if (found[i]) {
                    withFindings[b]++;
                }
            }
            List<Bin> bins = new ArrayList<>(BINS);
            for (int b = 0; b < BINS; b++) {
                bins.add(new Bin(requests[b], withFindings[b]));
            }
            return new Timeline(Instant.ofEpochMilli(min), Instant.ofEpochMilli(max), bins, untimed);
        }
    }
}
