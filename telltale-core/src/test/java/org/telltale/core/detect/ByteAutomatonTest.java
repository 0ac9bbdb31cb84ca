package org.telltale.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteAutomatonTest {

    /** Small alphabets make overlaps and failure chains frequent; the wide one exercises every byte value. */
    private static final byte[] NARROW = "abAB1%".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=%"
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void findsExactlyWhatTheAhoCorasickLibraryFindsOnRandomTextWithPlantedPatterns(int seed) {
        Random random = new Random(seed);
        byte[] alphabet = switch (seed % 3) {
            case 0 -> NARROW;
            case 1 -> LETTERS;
            default -> null;
        };
        int patternCount = 1 + random.nextInt(seed % 4 == 0 ? 3000 : 300);
        List<byte[]> patterns = new ArrayList<>();
        for (int i = 0; i < patternCount; i++) {
            patterns.add(randomBytes(random, 1 + random.nextInt(seed % 5 == 0 ? 40 : 10), alphabet));
        }
        byte[] text = randomBytes(random, 4000, alphabet);
        for (int i = 0; i < 60; i++) {
            byte[] p = patterns.get(random.nextInt(patterns.size()));
            int at = random.nextInt(text.length - p.length + 1);
            for (int k = 0; k < p.length; k++) {
                // Planted in either case: the automaton folds ASCII letters.
                text[at + k] = random.nextBoolean() ? upper(p[k]) : p[k];
            }
        }

        ByteAutomaton.Builder builder = ByteAutomaton.builder();
        patterns.forEach(builder::add);
        ByteAutomaton automaton = builder.build();
        Set<String> found = new HashSet<>();
        automaton.scan(text, (pattern, end) -> {
            found.add(latin1(fold(patterns.get(pattern))) + "@" + end);
            return true;
        });

        Trie.TrieBuilder oracleBuilder = Trie.builder();
        patterns.forEach(p -> oracleBuilder.addKeyword(latin1(fold(p))));
        Set<String> expected = new HashSet<>();
        for (Emit e : oracleBuilder.build().parseText(latin1(fold(text)))) {
            expected.add(e.getKeyword() + "@" + (e.getEnd() + 1));
        }

        assertThat(expected).isNotEmpty();
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void everyOverlappingPatternIsReportedAtItsEnd() {
        Named a = automaton("he", "she", "his", "hers");
        assertThat(scan(a, "ushers")).containsExactly("she@4", "he@4", "hers@6");
    }

    @Test
    void asciiLettersMatchInEitherCase() {
        Named a = automaton("Purple Elephant");
        assertThat(scan(a, "q=PURPLE elephant&x=purple ELEPHANT")).containsExactly("Purple Elephant@17",
                "Purple Elephant@35");
    }

    @Test
    void nonAsciiLettersAreNotFolded() {
        Named a = automaton("caf\u00e9");
        assertThat(scan(a, "CAF\u00c9")).isEmpty();
        assertThat(scan(a, "CAF\u00e9")).containsExactly("caf\u00e9@5");
    }

    @Test
    void theSamePatternAddedTwiceIsReportedUnderBothIds() {
        ByteAutomaton.Builder b = ByteAutomaton.builder();
        int first = b.add(bytes("abcd"));
        int second = b.add(bytes("ABCD"));
        List<Integer> ids = new ArrayList<>();
        b.build().scan(bytes("xxabcdxx"), (pattern, end) -> ids.add(pattern));
        assertThat(ids).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void theHandlerCanStopTheScan() {
        ByteAutomaton a = automaton("aa").automaton();
        List<Integer> ends = new ArrayList<>();
        a.scan(bytes("aaaaaaaa"), (pattern, end) -> {
            ends.add(end);
            return ends.size() < 3;
        });
        assertThat(ends).containsExactly(2, 3, 4);
    }

    @Test
    void onlyTheGivenRangeIsScanned() {
        ByteAutomaton a = automaton("needle").automaton();
        byte[] text = bytes("needle needle needle");
        List<Integer> ends = new ArrayList<>();
        a.scan(text, 3, 15, (pattern, end) -> ends.add(end));
        assertThat(ends).containsExactly(13);
        assertThatThrownBy(() -> a.scan(text, 5, 100, (p, e) -> true))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void emptyAndOversizedPatternsAreRefused() {
        ByteAutomaton.Builder b = ByteAutomaton.builder();
        assertThatThrownBy(() -> b.add(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add(new byte[ByteAutomaton.MAX_PATTERN_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAutomatonWithoutPatternsFindsNothing() {
        Named a = automaton();
        assertThat(scan(a, "anything at all")).isEmpty();
        assertThat(a.automaton().stateCount()).isEqualTo(1);
    }

    @Test
    void manyPatternsBeyondTheDenseBudgetStillMatchEverywhere() {
        // 5,000 random two-byte prefixes push the shallow states past the dense-row budget.
        Random random = new Random(42);
        List<byte[]> patterns = new ArrayList<>();
        ByteAutomaton.Builder b = ByteAutomaton.builder();
        for (int i = 0; i < 5000; i++) {
            byte[] p = randomBytes(random, 6, null);
            patterns.add(p);
            b.add(p);
        }
        ByteAutomaton a = b.build();
        byte[] text = new byte[6 * patterns.size()];
        for (int i = 0; i < patterns.size(); i++) {
            System.arraycopy(patterns.get(i), 0, text, 6 * i, 6);
        }
        Set<Integer> seen = new HashSet<>();
        a.scan(text, (pattern, end) -> {
            seen.add(pattern);
            return true;
        });
        assertThat(seen).hasSize(patterns.size());
    }

    @Test
    void oneAutomatonServesManyThreadsAtOnce() throws Exception {
        Random random = new Random(7);
        ByteAutomaton.Builder b = ByteAutomaton.builder();
        for (int i = 0; i < 500; i++) {
            b.add(randomBytes(random, 3 + random.nextInt(5), LETTERS));
        }
        ByteAutomaton a = b.build();
        byte[] text = randomBytes(random, 200_000, LETTERS);
        long alone = checksum(a, text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> checksum(a, text)));
            }
            for (Future<Long> f : results) {
                assertThat(f.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long checksum(ByteAutomaton a, byte[] text) {
        long[] sum = {0};
        a.scan(text, (pattern, end) -> {
            sum[0] = sum[0] * 31 + pattern * 1_000_003L + end;
            return true;
        });
        return sum[0];
    }

    /** An automaton with the names of its patterns, so that tests read matches as "pattern@end". */
    private record Named(ByteAutomaton automaton, List<String> names) {
    }

    private static Named automaton(String... patterns) {
        ByteAutomaton.Builder b = ByteAutomaton.builder();
        for (String p : patterns) {
            b.add(bytes(p));
        }
        return new Named(b.build(), List.of(patterns));
    }

    private static List<String> scan(Named a, String text) {
        List<String> out = new ArrayList<>();
        a.automaton().scan(bytes(text), (pattern, end) -> out.add(a.names().get(pattern) + "@" + end));
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random random, int length, byte[] alphabet) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet == null ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        }
        return out;
    }

    private static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    private static byte[] fold(byte[] in) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] += 32;
            }
        }
        return out;
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
