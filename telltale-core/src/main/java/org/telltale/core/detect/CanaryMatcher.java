package org.telltale.core.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.telltale.api.Canary;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Payload;

/**
 * Finds every spelling of every canary in one pass: one {@link ByteAutomaton} holds all the
 * {@link CanaryVariants} of all canaries. A match is kept only where it stands on its own (an IMEI
 * inside a longer run of digits is someone else's number), and where several spellings of one canary
 * overlap, one is reported: plain first, then the longest.
 */
public final class CanaryMatcher implements Detector {
    /** Raw matches looked at per node; a node built to match everything stops here. */
    static final int MAX_MATCHES_PER_NODE = 10_000;
    /** The longest matched text copied into a detection, in bytes. */
    static final int MAX_MATCHED_BYTES = 1024;

    private final List<Canary> canaries;
    private final ByteAutomaton automaton;
    /** Per pattern: the index of its canary. */
    private final int[] patternCanary;
    /** Per pattern: its transform label. */
    private final String[] patternTransform;
    /** Per pattern: whether its first byte is a letter or digit, so a letter or digit before it extends it. */
    private final boolean[] startsAlnum;
    /** Per pattern: whether its last byte is a letter or digit. */
    private final boolean[] endsAlnum;

    public CanaryMatcher(List<Canary> canaries) {
        this.canaries = List.copyOf(canaries);
        ByteAutomaton.Builder builder = ByteAutomaton.builder();
        List<Integer> owners = new ArrayList<>();
        List<String> transforms = new ArrayList<>();
        List<byte[]> texts = new ArrayList<>();
        for (int c = 0; c < this.canaries.size(); c++) {
            for (CanaryVariants.Variant v : CanaryVariants.of(this.canaries.get(c))) {
                byte[] text = v.text().getBytes(StandardCharsets.UTF_8);
                if (text.length > ByteAutomaton.MAX_PATTERN_LENGTH) {
                    continue;
                }
                builder.add(text);
                owners.add(c);
                transforms.add(v.transform());
                texts.add(text);
            }
        }
        automaton = builder.build();
        int n = owners.size();
        patternCanary = new int[n];
        patternTransform = new String[n];
        startsAlnum = new boolean[n];
        endsAlnum = new boolean[n];
        for (int p = 0; p < n; p++) {
            patternCanary[p] = owners.get(p);
            patternTransform[p] = transforms.get(p);
            byte[] t = texts.get(p);
            startsAlnum[p] = isAlnum(t[0]);
            endsAlnum[p] = isAlnum(t[t.length - 1]);
        }
    }

    @Override
    public String name() {
        return "canary";
    }

    @Override
    public List<Detection> detect(Payload node, boolean leaf, String destination) {
        byte[] data = node == null ? null : node.data();
        if (data == null || data.length == 0 || automaton.patternCount() == 0) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        int[] seen = {0};
        automaton.scan(data, (pattern, end) -> {
            int start = end - automaton.patternLength(pattern);
            if (standsAlone(data, start, end, pattern)) {
                hits.add(new Hit(pattern, start, end));
            }
            return ++seen[0] < MAX_MATCHES_PER_NODE;
        });
        if (hits.isEmpty()) {
            return List.of();
        }
        return bestPerPlace(hits, data);
    }

    private boolean standsAlone(byte[] data, int start, int end, int pattern) {
        if (startsAlnum[pattern] && start > 0 && isAlnum(data[start - 1]) && !endsEscape(data, start)) {
            return false;
        }
        return !(endsAlnum[pattern] && end < data.length && isAlnum(data[end]));
    }

    /**
     * Whether the bytes just before {@code start} are an escape ("%3D", "\\u0026", "\\n"), whose
     * last letter or digit belongs to the escape and not to the value.
     */
    private static boolean endsEscape(byte[] data, int start) {
        if (start >= 3 && data[start - 3] == '%' && isHex(data[start - 2]) && isHex(data[start - 1])) {
            return true;
        }
        if (start >= 6 && data[start - 6] == '\\' && data[start - 5] == 'u') {
            return true;
        }
        return start >= 2 && data[start - 2] == '\\';
    }

    /** Among overlapping matches of one canary keeps one: plain first, then the longest, then the first. */
    private List<Detection> bestPerPlace(List<Hit> hits, byte[] data) {
        hits.sort(Comparator.comparingInt((Hit h) -> patternCanary[h.pattern]).thenComparingInt(Hit::start)
                .thenComparingInt(Hit::end));
        List<Detection> out = new ArrayList<>();
        int i = 0;
        while (i < hits.size()) {
            Hit best = hits.get(i);
            int canary = patternCanary[best.pattern];
            int groupEnd = best.end;
            int j = i + 1;
            while (j < hits.size() && patternCanary[hits.get(j).pattern] == canary && hits.get(j).start < groupEnd) {
                Hit h = hits.get(j);
                groupEnd = Math.max(groupEnd, h.end);
                if (better(h, best)) {
                    best = h;
                }
                j++;
            }
            out.add(detection(best, data));
            i = j;
        }
        out.sort(Comparator.comparingInt(Detection::start).thenComparing(Detection::canary));
        return List.copyOf(out);
    }

    private boolean better(Hit a, Hit b) {
        boolean aPlain = "plain".equals(patternTransform[a.pattern]);
        boolean bPlain = "plain".equals(patternTransform[b.pattern]);
        if (aPlain != bPlain) {
            return aPlain;
        }
        return a.end - a.start > b.end - b.start;
    }

    private Detection detection(Hit h, byte[] data) {
        Canary c = canaries.get(patternCanary[h.pattern]);
        int len = Math.min(h.end - h.start, MAX_MATCHED_BYTES);
        return new Detection(c.id(), c.type().id(), c.value(), utf8(data, h.start, len),
                patternTransform[h.pattern], Confidence.CERTAIN, h.start, h.end);
    }

    private static String utf8(byte[] data, int offset, int length) {
        // Malformed bytes become U+FFFD: the text is for a person to read, the offsets are exact.
        return new String(data, offset, length, StandardCharsets.UTF_8);
    }

    private static boolean isAlnum(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /** The number of spellings in the automaton, for sizing figures. */
    public int patternCount() {
        return automaton.patternCount();
    }

    /**
     * One match that stands alone, before overlapping spellings are merged.
     *
     * @param pattern the automaton's pattern id
     * @param start   the offset of its first byte
     * @param end     the offset just past its last byte
     */
    private record Hit(int pattern, int start, int end) {
    }
}
