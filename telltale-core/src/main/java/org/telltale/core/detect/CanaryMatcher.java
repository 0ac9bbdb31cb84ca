package org.telltale.core.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.telltale.api.Canary;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.api.Payload;

/**
 * Finds every spelling of every canary: the {@link CanaryVariants} of all canaries, the short ones in
 * one {@link ByteAutomaton} and the long ones (most of them hashes as hex or base64) in a
 * {@link LongPatterns} index, each one pass over a node. A match is kept only where it stands on its
 * own (an IMEI inside a longer run of digits is someone else's number), and where several spellings
 * of one canary overlap, one is reported: plain first, then the longest.
 */
public final class CanaryMatcher implements Detector {
    /** Raw matches looked at per node; a node built to match everything stops here. */
    static final int MAX_MATCHES_PER_NODE = 10_000;
    /** The longest matched text copied into a detection, in bytes. */
    static final int MAX_MATCHED_BYTES = 1024;

    private final String name;
    private final List<Target> canaries;
    /** The spellings shorter than {@link LongPatterns#WINDOW}; automaton ids map to pattern ids by shortIds. */
    private final ByteAutomaton automaton;
    private final int[] shortIds;
    /** The spellings at least {@link LongPatterns#WINDOW} long. */
    private final LongPatterns longPatterns;
    /** Per pattern: its length in bytes. */
    private final int[] patternLength;
    /** Per pattern: the index of its canary. */
    private final int[] patternCanary;
    /** Per pattern: its transform label. */
    private final String[] patternTransform;
    /** Per pattern: whether its first byte is a letter or digit, so a letter or digit before it extends it. */
    private final boolean[] startsAlnum;
    /** Per pattern: whether its last byte is a letter or digit. */
    private final boolean[] endsAlnum;
    /** Phone canaries written with separators, each reported as its canary's "formatted" pattern. */
    private final FormattedPhones formattedPhones;

    /**
     * One value looked for and what a match of it reports.
     *
     * @param canary     the canary id in detections; null for a value the run learned (not planted)
     * @param kind       the kind detections report
     * @param value      the value detections report
     * @param confidence the confidence detections report
     * @param variants   its spellings, plain ones first
     * @param phoneForms the digit strings found when written with separators (a phone number); else empty
     */
    public record Target(String canary, String kind, String value, Confidence confidence,
                         List<CanaryVariants.Variant> variants, List<String> phoneForms) {
        public Target {
            variants = List.copyOf(variants);
            phoneForms = List.copyOf(phoneForms);
        }

        /** A planted canary: its spellings, reported as certain. */
        public static Target of(Canary c) {
            return new Target(c.id(), c.type().id(), c.value(), Confidence.CERTAIN, CanaryVariants.of(c),
                    c.type() == org.telltale.api.CanaryType.PHONE ? CanaryVariants.phoneDigitForms(c) : List.of());
        }
    }

    public CanaryMatcher(List<Canary> canaries) {
        this("canary", canaries.stream().map(Target::of).toArray(Target[]::new));
    }

    /** A matcher of the given values under its own detector name, each reported as its target says. */
    public static CanaryMatcher of(String name, List<Target> targets) {
        return new CanaryMatcher(name, targets.toArray(Target[]::new));
    }

    private CanaryMatcher(String name, Target[] targets) {
        this.name = name;
        this.canaries = List.of(targets);
        List<Integer> owners = new ArrayList<>();
        List<String> transforms = new ArrayList<>();
        List<byte[]> texts = new ArrayList<>();
        for (int c = 0; c < this.canaries.size(); c++) {
            for (CanaryVariants.Variant v : this.canaries.get(c).variants()) {
                byte[] text = v.text().getBytes(StandardCharsets.UTF_8);
                if (text.length == 0 || text.length > ByteAutomaton.MAX_PATTERN_LENGTH) {
                    continue;
                }
                owners.add(c);
                transforms.add(v.transform());
                texts.add(text);
            }
        }
        // One more pattern per phone canary: the number written with separators, found by formattedPhones.
        formattedPhones = new FormattedPhones();
        for (int c = 0; c < this.canaries.size(); c++) {
            List<String> forms = this.canaries.get(c).phoneForms();
            if (!forms.isEmpty()) {
                formattedPhones.add(forms, owners.size());
                owners.add(c);
                transforms.add("formatted");
                texts.add(null);
            }
        }
        int n = owners.size();
        patternCanary = new int[n];
        patternTransform = new String[n];
        patternLength = new int[n];
        startsAlnum = new boolean[n];
        endsAlnum = new boolean[n];
        ByteAutomaton.Builder builder = ByteAutomaton.builder();
        int[] shorts = new int[n];
        int shortCount = 0;
        List<byte[]> longTexts = new ArrayList<>();
        List<Integer> longIds = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            patternCanary[p] = owners.get(p);
            patternTransform[p] = transforms.get(p);
            byte[] t = texts.get(p);
            if (t == null) {
                continue;
            }
            patternLength[p] = t.length;
            startsAlnum[p] = isAlnum(t[0]);
            endsAlnum[p] = isAlnum(t[t.length - 1]);
            if (t.length >= LongPatterns.WINDOW) {
                longTexts.add(t);
                longIds.add(p);
            } else {
                builder.add(t);
                shorts[shortCount++] = p;
            }
        }
        automaton = builder.build();
        shortIds = Arrays.copyOf(shorts, shortCount);
        longPatterns = new LongPatterns(longTexts, longIds);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        Payload node = context.node();
        byte[] data = node == null ? null : node.data();
        if (data == null || data.length == 0 || patternLength.length == 0) {
            return List.of();
        }
        Hits hits = new Hits(data);
        if (automaton.patternCount() > 0) {
            automaton.scan(data, (pattern, end) -> hits.add(shortIds[pattern], end));
        }
        if (hits.more()) {
            longPatterns.scan(data, hits::add);
        }
        if (hits.more() && !formattedPhones.isEmpty()) {
            formattedPhones.scan(data, hits::addSpan);
        }
        if (hits.list.isEmpty()) {
            return List.of();
        }
        return bestPerPlace(hits.list, data);
    }

    /** The matches of one node that stand alone, counting every raw match against the per-node bound. */
    private final class Hits {
        private final byte[] data;
        private final List<Hit> list = new ArrayList<>(0);
        private int seen;

        Hits(byte[] data) {
            this.data = data;
        }

        /** Takes one raw match; false once the bound is reached. */
        boolean add(int pattern, int end) {
            if (!more()) {
                return false;
            }
            int start = end - patternLength[pattern];
            if (standsAlone(data, start, end, pattern)) {
                list.add(new Hit(pattern, start, end));
            }
            return ++seen < MAX_MATCHES_PER_NODE;
        }

        boolean more() {
            return seen < MAX_MATCHES_PER_NODE;
        }

        /** Takes a match whose span was found already standing alone (a formatted phone number). */
        boolean addSpan(int pattern, int start, int end) {
            if (!more()) {
                return false;
            }
            list.add(new Hit(pattern, start, end));
            return ++seen < MAX_MATCHES_PER_NODE;
        }
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
        out.sort(Comparator.comparingInt(Detection::start).thenComparing(Detection::canary,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Detection::value));
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
        Target c = canaries.get(patternCanary[h.pattern]);
        int len = Math.min(h.end - h.start, MAX_MATCHED_BYTES);
        return new Detection(c.canary(), c.kind(), c.value(), utf8(data, h.start, len),
                patternTransform[h.pattern], c.confidence(), h.start, h.end);
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

    /** The number of spellings looked for, for sizing figures. */
    public int patternCount() {
        return patternLength.length;
    }

    /**
     * The long spellings, found by their first {@link #WINDOW} bytes: a rolling hash of every window
     * of a node is tested against a bit set, and only windows whose bit is set are looked up and
     * compared in full. Long spellings are mostly hashes as hex or base64, whose shared prefixes are
     * short; in an Aho-Corasick automaton they make hundreds of thousands of states that scatter
     * every step over many megabytes, while here a byte costs a few arithmetic operations and one
     * read of a small bit set. Matching folds ASCII case, as the automaton does.
     */
    static final class LongPatterns {
        /** Spellings at least this long go here; shorter ones to the automaton. */
        static final int WINDOW = 16;
        private static final long BASE = 0x100000001b3L;
        private static final long MIX = 0x9e3779b97f4a7c15L;
        /** BASE to the power WINDOW - 1, which weighs the byte that leaves the window. */
        private static final long OUT_WEIGHT = power(BASE, WINDOW - 1);
        private static final byte[] FOLD = new byte[256];
        /** Per byte: what it weighs as it leaves the window, so the rolling step saves a multiplication. */
        private static final long[] LEAVING = new long[256];

        static {
            for (int b = 0; b < 256; b++) {
                FOLD[b] = (byte) (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
                LEAVING[b] = FOLD[b] * OUT_WEIGHT;
            }
        }

        /** One bit per mixed window hash; about 1 in 32 is set, so few windows go further. */
        private final long[] bits;
        private final int bitShift;
        /** Open addressing by window hash: the hash, and the range of entries that have it. */
        private final long[] slotHash;
        private final int[] slotFirst;
        private final int[] slotCount;
        private final int slotMask;
        /** Entries grouped by window hash: the folded spelling and its pattern id. */
        private final byte[][] entryText;
        private final int[] entryId;

        LongPatterns(List<byte[]> texts, List<Integer> ids) {
            int n = texts.size();
            int bitCount = Math.max(64, Integer.highestOneBit(Math.max(1, n) * 32 - 1) << 1);
            bits = new long[bitCount >>> 6];
            bitShift = 64 - Integer.numberOfTrailingZeros(bitCount);
            int slots = Math.max(2, Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1);
            slotHash = new long[slots];
            slotFirst = new int[slots];
            slotCount = new int[slots];
            slotMask = slots - 1;
            // First count the entries of each distinct window hash, then lay them out slot by slot.
            byte[][] folded = new byte[n][];
            int[] slotOf = new int[n];
            for (int i = 0; i < n; i++) {
                byte[] t = texts.get(i);
                folded[i] = new byte[t.length];
                for (int k = 0; k < t.length; k++) {
                    folded[i][k] = FOLD[t[k] & 0xff];
                }
                long h = windowHash(folded[i]);
                int bit = bit(h);
                bits[bit >>> 6] |= 1L << bit;
                int slot = (int) (h * MIX >>> 33) & slotMask;
                while (slotCount[slot] != 0 && slotHash[slot] != h) {
                    slot = (slot + 1) & slotMask;
                }
                slotHash[slot] = h;
                slotCount[slot]++;
                slotOf[i] = slot;
            }
            int next = 0;
            for (int slot = 0; slot < slots; slot++) {
                slotFirst[slot] = next;
                next += slotCount[slot];
            }
            int[] filled = new int[slots];
            entryText = new byte[n][];
            entryId = new int[n];
            for (int i = 0; i < n; i++) {
                int e = slotFirst[slotOf[i]] + filled[slotOf[i]]++;
                entryText[e] = folded[i];
                entryId[e] = ids.get(i);
            }
        }

        /** Hands each (pattern, end) match to sink, in order of start offset; stops when sink says false. */
        void scan(byte[] data, MatchSink sink) {
            int n = data.length;
            if (entryId.length == 0 || n < WINDOW) {
                return;
            }
            final long[] bits = this.bits;
            final int bitShift = this.bitShift;
            long h = 0;
            for (int i = 0; i < WINDOW; i++) {
                h = h * BASE + FOLD[data[i] & 0xff];
            }
            for (int start = 0; ; start++) {
                int bit = (int) (h * MIX >>> bitShift);
                if ((bits[bit >>> 6] & (1L << bit)) != 0 && !lookUp(h, data, start, sink)) {
                    return;
                }
                int next = start + WINDOW;
                if (next >= n) {
                    return;
                }
                h = (h - LEAVING[data[start] & 0xff]) * BASE + FOLD[data[next] & 0xff];
            }
        }

        private boolean lookUp(long h, byte[] data, int start, MatchSink sink) {
            int slot = (int) (h * MIX >>> 33) & slotMask;
            while (slotCount[slot] != 0) {
                if (slotHash[slot] == h) {
                    int first = slotFirst[slot];
                    for (int e = first; e < first + slotCount[slot]; e++) {
                        byte[] t = entryText[e];
                        if (equalsFolded(data, start, t) && !sink.match(entryId[e], start + t.length)) {
                            return false;
                        }
                    }
                    return true;
                }
                slot = (slot + 1) & slotMask;
            }
            return true;
        }

        private static boolean equalsFolded(byte[] data, int start, byte[] folded) {
            if (data.length - start < folded.length) {
                return false;
            }
            for (int k = 0; k < folded.length; k++) {
                if (FOLD[data[start + k] & 0xff] != folded[k]) {
                    return false;
                }
            }
            return true;
        }

        private int bit(long h) {
            return (int) (h * MIX >>> bitShift);
        }

        private static long windowHash(byte[] folded) {
            long h = 0;
            for (int i = 0; i < WINDOW; i++) {
                h = h * BASE + folded[i];
            }
            return h;
        }

        private static long power(long base, int exponent) {
            long r = 1;
            for (int i = 0; i < exponent; i++) {
                r *= base;
            }
            return r;
        }
    }

    /** Receives the matches of a {@link LongPatterns} scan. */
    @FunctionalInterface
    interface MatchSink {
        /** One match of pattern ending at end; false to stop. */
        boolean match(int pattern, int end);
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
