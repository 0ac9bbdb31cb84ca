package org.telltale.formats.har;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Exchange;
import org.telltale.testkit.ExchangeBuilder;
import org.telltale.testkit.HarWriter;
import org.telltale.testkit.RecordingSink;

/**
 * An entry past a bound (a long string, a deep nesting, a long name or number) is skipped with its
 * entry number, line and column, and every other entry is still read. Each file is written by the
 * testkit's HarWriter with a placeholder body in one entry, which is then streamed out as the
 * oversized part, so no test holds the big file in memory.
 */
class HarLimitsTest {
    private static final int ENTRIES = 10;
    private static final int BAD = 4;
    private static final String PLACEHOLDER = "\"@@PLACEHOLDER@@\"";

    @TempDir
    Path dir;

    /** Writes the oversized part of the file in place of the placeholder. */
    private interface Filler {
        void write(OutputStream out) throws IOException;
    }

    /** The file's text up to the placeholder, where the oversized part goes, and after it. */
    private record Har(String before, String after) {
        /** Line and column (from 1, in bytes) of {@code bytesIn} bytes past the placeholder's start. */
        String place(int bytesIn) {
            int lineStart = before.lastIndexOf('\n') + 1;
            long line = before.chars().filter(c -> c == '\n').count() + 1;
            return "line " + line + ", column " + (before.length() - lineStart + 1 + bytesIn);
        }

        /** Objects and arrays open where the placeholder starts (no string here holds a bracket). */
        int depth() {
            return (int) (before.chars().filter(c -> c == '{' || c == '[').count()
                    - before.chars().filter(c -> c == '}' || c == ']').count());
        }
    }

    private static List<Exchange> exchanges() {
        List<Exchange> out = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            out.add(ExchangeBuilder.post("https://collect.example/e" + i).header("Content-Type", "text/plain")
                    .body(i == BAD ? "@@PLACEHOLDER@@" : "small body " + i).response(204, "text/plain", "").build());
        }
        return out;
    }

    private static Har har(List<Exchange> exchanges) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HarWriter().write(exchanges, out);
        String text = out.toString(StandardCharsets.UTF_8);
        int at = text.indexOf(PLACEHOLDER);
        return new Har(text.substring(0, at), text.substring(at + PLACEHOLDER.length()));
    }

    /** The same file with the placeholder's field renamed to one the reader skips (same length, same places). */
    private static Har inSkippedField(Har har) {
        int key = har.before().lastIndexOf("\"text\"");
        return new Har(har.before().substring(0, key) + "\"_tx_\"" + har.before().substring(key + 6), har.after());
    }

    private Path write(Har har, Filler filler) throws IOException {
        Path file = dir.resolve("capture-" + System.nanoTime() + ".har");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(har.before().getBytes(StandardCharsets.UTF_8));
            filler.write(out);
            out.write(har.after().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** A JSON string of {@code length} bytes of content, repeating {@code unit} (already JSON-escaped). */
    private static Filler string(String unit, long length) {
        return out -> {
            byte[] u = unit.getBytes(StandardCharsets.UTF_8);
            byte[] chunk = new byte[u.length * Math.max(1, (1 << 16) / u.length)];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = u[i % u.length];
            }
            out.write('"');
            long left = length;
            while (left >= chunk.length) {
                out.write(chunk);
                left -= chunk.length;
            }
            out.write(chunk, 0, (int) (left - left % u.length));
            out.write('"');
        };
    }

    private static Filler nested(int levels) {
        return out -> {
            out.write("[".repeat(levels).getBytes(StandardCharsets.US_ASCII));
            out.write("]".repeat(levels).getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static RecordingSink read(HarReader reader, Path file) throws Exception {
        RecordingSink sink = new RecordingSink();
        reader.read(file, sink);
        return sink;
    }

    /** Every entry but the bad one, in file order: nothing missing, nothing extra. */
    private static void assertEveryGoodEntryRead(RecordingSink sink) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            if (i != BAD) {
                expected.add("entry " + i);
            }
        }
        assertThat(sink.exchanges()).extracting(Exchange::origin).containsExactlyElementsOf(expected);
        assertThat(sink.exchanges()).allMatch(e -> e.request().url().endsWith("/e" + e.origin().substring(6)));
    }

    @ParameterizedTest(name = "string bound {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009})
    void aStringPastItsBoundSkipsItsEntryWhereverTheCutFallsInACharacterOrEscape(int bound) throws Exception {
        // two-byte characters and both kinds of escape, so that some bound falls inside each
        Har har = har(exchanges());
        Path file = write(har, string("\u00e9\\\"\\u00e9x", 5000));
        HarLimits limits = new HarLimits(HarLimits.DEFAULT.maxEntryBytes(), bound, 100, 50, 40);

        RecordingSink sink = read(new HarReader(limits), file);

        assertEveryGoodEntryRead(sink);
        assertThat(sink.diagnostics).containsExactly("entry " + BAD + ": holds a string longer than " + bound
                + " bytes at " + har.place(0) + "; skipped");
    }

    @Test
    void aStringOfHundredMebicharactersSkipsOnlyItsEntryUnderTheDefaultBounds() throws Exception {
        Har har = har(exchanges());
        Path file = write(har, string("x", 100L << 20));

        RecordingSink sink = read(new HarReader(), file);

        assertEveryGoodEntryRead(sink);
        assertThat(sink.diagnostics).containsExactly("entry " + BAD + ": holds a string longer than "
                + HarLimits.DEFAULT.maxStringBytes() + " bytes at " + har.place(0) + "; skipped");
    }

    @Test
    void aStringPastItsBoundInAFieldTheReaderSkipsStillSkipsItsEntry() throws Exception {
        Har har = inSkippedField(har(exchanges()));
        Path file = write(har, string("x", 5000));
        HarLimits limits = new HarLimits(HarLimits.DEFAULT.maxEntryBytes(), 1000, 100, 50, 40);

        RecordingSink sink = read(new HarReader(limits), file);

        assertEveryGoodEntryRead(sink);
        assertThat(sink.diagnostics).containsExactly("entry " + BAD + ": holds a string longer than 1000 bytes at "
                + har.place(0) + "; skipped");
    }

    @Test
    void anEntryLargerThanItsBoundInFieldsTheReaderSkipsIsSkipped() throws Exception {
        Har har = inSkippedField(har(exchanges()));
        Path file = write(har, out -> {
            out.write('[');
            for (int i = 0; i < 2000; i++) {
                out.write((i == 0 ? "\"" : ",\"").getBytes(StandardCharsets.US_ASCII));
                out.write("y".repeat(50).getBytes(StandardCharsets.US_ASCII));
                out.write('"');
            }
            out.write(']');
        });

        RecordingSink sink = read(new HarReader(50_000), file);

        assertEveryGoodEntryRead(sink);
        assertThat(sink.diagnostics).containsExactly("entry " + BAD + ": larger than 50000 bytes; skipped");
    }

    @Test
    void anEntryNestedDeeperThanTheDefaultBoundIsSkippedWhereTheNestingGoesPastIt() throws Exception {
        Har har = har(exchanges());
        Path file = write(har, nested(1000));

        RecordingSink sink = read(new HarReader(), file);

        assertEveryGoodEntryRead(sink);
        int past = HarLimits.DEFAULT.maxDepth() - har.depth();
        assertThat(sink.diagnostics).containsExactly("entry " + BAD + ": holds nesting deeper than "
                + HarLimits.DEFAULT.maxDepth() + " levels at " + har.place(past) + "; skipped");
    }

    @Test
    void aNumberOrAFieldNamePastTheDefaultBoundsSkipsOnlyItsEntry() throws Exception {
        Har har = har(exchanges());
        Path number = write(har, out -> out.write("1".repeat(5000).getBytes(StandardCharsets.US_ASCII)));
        Path name = write(har, out -> {
            out.write("{\"".getBytes(StandardCharsets.US_ASCII));
            out.write("n".repeat(60_000).getBytes(StandardCharsets.US_ASCII));
            out.write("\": 1}".getBytes(StandardCharsets.US_ASCII));
        });

        RecordingSink numbers = read(new HarReader(), number);
        RecordingSink names = read(new HarReader(), name);

        assertEveryGoodEntryRead(numbers);
        assertThat(numbers.diagnostics).containsExactly("entry " + BAD + ": holds a number longer than "
                + HarLimits.DEFAULT.maxNumberBytes() + " characters at " + har.place(0) + "; skipped");
        assertEveryGoodEntryRead(names);
        assertThat(names.diagnostics).containsExactly("entry " + BAD + ": holds a field name longer than "
                + HarLimits.DEFAULT.maxNameBytes() + " bytes at " + har.place(1) + "; skipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"charles", "chrome", "expressen", "firefox", "insomnia", "postdata", "safari", "with-bom",
            "www.nytimes.com"})
    void realHarFilesWithinTheBoundsPassTheFilterByteForByte(String name) throws Exception {
        byte[] original = Files.readAllBytes(HarReaderOracleTest.resource(name + ".har"));
        ByteArrayOutputStream filtered = new ByteArrayOutputStream();
        try (BoundedJsonInput in = new BoundedJsonInput(new java.io.ByteArrayInputStream(original),
                HarLimits.DEFAULT)) {
            in.transferTo(filtered);
        }

        assertThat(filtered.toByteArray()).isEqualTo(original);
    }

    @Test
    void valuesJustWithinTheBoundsAreReadWhole() throws Exception {
        Har har = har(exchanges());
        HarLimits limits = new HarLimits(HarLimits.DEFAULT.maxEntryBytes(), 1000, 100, 50, har.depth() + 3);
        Path file = write(har, out -> out.write(("\"" + "y".repeat(1000) + "\"").getBytes(StandardCharsets.US_ASCII)));
        Path deep = write(har, nested(3));

        RecordingSink sink = read(new HarReader(limits), file);
        RecordingSink deepSink = read(new HarReader(limits), deep);

        assertThat(sink.diagnostics).isEmpty();
        assertThat(sink.exchanges()).hasSize(ENTRIES);
        assertThat(new String(sink.exchanges().get(BAD).request().body(), StandardCharsets.UTF_8))
                .isEqualTo("y".repeat(1000));
        assertThat(deepSink.exchanges()).hasSize(ENTRIES);
    }
}
