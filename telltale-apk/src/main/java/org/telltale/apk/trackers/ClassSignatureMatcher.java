package org.telltale.apk.trackers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import org.telltale.core.detect.ByteAutomaton;

/**
 * Which trackers a class name belongs to, by the trackers' code signatures, all searched at once: one
 * Aho-Corasick automaton ({@link ByteAutomaton}) over every signature, so a name costs one pass
 * however many signatures there are, where Exodus runs each tracker's regex over every name.
 *
 * <p>Semantics follow exodus-core's static analysis ({@code StaticAnalysis.detect_trackers_in_list}):
 * a tracker's signature is searched anywhere in the class name ({@code re.search}), its alternatives
 * are '|'-separated, the match is case-sensitive (the automaton folds ASCII case, so each hit is
 * confirmed by an exact comparison), and a tracker whose whole signature is at most 3 characters long
 * is never matched. Deliberate differences, each proved by {@code ClassSignatureMatcherAgreementTest}:
 * <ul>
 *   <li>A '.' in a signature matches a '.' or a '/' only; in Exodus it is the regex wildcard and
 *       matches any character. Exodus needs the wildcard because it matches slashed names
 *       ({@code com/foo/Bar}) against dotted signatures; every signature is a plain dotted name
 *       (no other regex syntax), so the wildcard standing for another character ({@code com_foo})
 *       is an accident, not an intent. On the class names of real APKs the two agree.</li>
 *   <li>Exodus reads names from {@code dexdump} with a Perl pattern that stops at the first '$', so
 *       it never sees the nested part of a name; we search the whole name we are given. No signature
 *       holds a '$', so a hit on an outer name is a hit on its nested names too.</li>
 *   <li>Exodus's Perl pattern also takes the first class named on other lines of dexdump's output
 *       (superclasses, interfaces, field and parameter types), so a class an app merely refers to
 *       can count as carried. Which names are fed here is the caller's choice: the scan feeds the
 *       classes a DEX defines, and tells "referenced" apart on its own.</li>
 * </ul>
 */
public final class ClassSignatureMatcher {
    /** Names longer than this (in UTF-8 bytes) are cut: no real class name comes near it. */
    static final int MAX_NAME_BYTES = 4096;

    private final List<Tracker> trackers;
    private final ByteAutomaton automaton;
    /** Per automaton pattern: the tracker it belongs to and its exact bytes ('.' as '/'). */
    private final int[] patternTracker;
    private final byte[][] patternBytes;

    private ClassSignatureMatcher(List<Tracker> trackers) {
        this.trackers = List.copyOf(trackers);
        ByteAutomaton.Builder builder = ByteAutomaton.builder();
        List<Integer> owners = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (int t = 0; t < trackers.size(); t++) {
            List<String> signatures = trackers.get(t).codeSignatures();
            if (String.join("|", signatures).length() <= 3) {
                continue; // exodus-core: "len(tracker.code_signature) > 3"
            }
            for (String signature : signatures) {
                byte[] pattern = normalised(signature);
                builder.add(pattern);
                owners.add(t);
                bytes.add(pattern);
            }
        }
        automaton = builder.build();
        patternTracker = owners.stream().mapToInt(Integer::intValue).toArray();
        patternBytes = bytes.toArray(byte[][]::new);
    }

    /** A matcher over every tracker of the catalogue; its indexes are the catalogue's. */
    public static ClassSignatureMatcher of(TrackerCatalogue catalogue) {
        return new ClassSignatureMatcher(catalogue.trackers());
    }

    /** The bundled catalogue's matcher. */
    public static ClassSignatureMatcher bundled() {
        return Holder.BUNDLED;
    }

    /**
     * Reports the index of each tracker whose code signature occurs in the name, once per tracker.
     *
     * @param dottedClassName a class name, dotted ({@code com.example.Foo$Bar}); slashes work too
     * @param trackerIndex    receives each matching tracker's index, in no particular order
     */
    public void match(String dottedClassName, IntConsumer trackerIndex) {
        byte[] name = normalised(dottedClassName);
        Reported reported = new Reported(trackerIndex);
        automaton.scan(name, 0, Math.min(name.length, MAX_NAME_BYTES), (pattern, end) -> {
            byte[] expected = patternBytes[pattern];
            // The automaton folds ASCII case; Exodus's regexes do not.
            if (Arrays.equals(name, end - expected.length, end, expected, 0, expected.length)) {
                reported.once(patternTracker[pattern]);
            }
            return true;
        });
    }

    /** The tracker at a reported index. */
    public Tracker tracker(int index) {
        return trackers.get(index);
    }

    /** How many signature alternatives the automaton holds. */
    public int patternCount() {
        return patternTracker.length;
    }

    /** A name or signature with every '.' written as '/', so that the two spellings of a package compare equal. */
    private static byte[] normalised(String name) {
        return name.replace('.', '/').getBytes(StandardCharsets.UTF_8);
    }

    /** The trackers reported for one name so far: usually none or one, so a short list beats a set. */
    private static final class Reported {
        private final IntConsumer out;
        private int[] trackers = new int[2];
        private int count;

        Reported(IntConsumer out) {
            this.out = out;
        }

        void once(int tracker) {
            for (int i = 0; i < count; i++) {
                if (trackers[i] == tracker) {
                    return;
                }
            }
            if (count == trackers.length) {
                trackers = Arrays.copyOf(trackers, count * 2);
            }
            trackers[count++] = tracker;
            out.accept(tracker);
        }
    }

    private static final class Holder {
        static final ClassSignatureMatcher BUNDLED = of(TrackerCatalogue.bundled());
    }
}
