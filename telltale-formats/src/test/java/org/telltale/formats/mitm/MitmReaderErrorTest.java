package org.telltale.formats.mitm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telltale.formats.mitm.MitmReaderTest.resource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.CaptureException;
import org.telltale.api.Exchange;

class MitmReaderErrorTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsRefusedAtByteZero() throws Exception {
        assertThatThrownBy(() -> read(new byte[0], new RecordingSink()))
                .isInstanceOf(CaptureException.class)
                .hasMessage("empty file: no mitmproxy flows")
                .extracting(e -> ((CaptureException) e).place()).isEqualTo("byte 0");
    }

    @Test
    void aFileThatDoesNotStartWithATnetstringLengthIsRefused() throws Exception {
        byte[] har = Files.readAllBytes(resource("websocket.har"));

        assertThatThrownBy(() -> read(har, new RecordingSink()))
                .isInstanceOf(CaptureException.class)
                .hasMessage("not a mitmproxy flow file: a tnetstring starts with its length in digits, found '{'")
                .extracting(e -> ((CaptureException) e).place()).isEqualTo("byte 0");
    }

    @Test
    void aLengthLongerThanTheFileIsNamedWithItsPlace() throws Exception {
        byte[] first = Files.readAllBytes(resource("dumpfile-018.mitm"));
        byte[] withBadSecond = concat(first, "99999999:3:abc,".getBytes(StandardCharsets.US_ASCII));
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> read(withBadSecond, sink))
                .isInstanceOf(CaptureException.class)
                .hasMessage("tnetstring length 99999999 is longer than the file (6 bytes left)")
                .extracting(e -> ((CaptureException) e).place()).isEqualTo("byte " + first.length);
        assertThat(sink.exchanges()).hasSize(1);
    }

    @Test
    void aTruncatedFileGivesEveryWholeFlowFirst() throws Exception {
        byte[] file = Files.readAllBytes(resource("dumpfile-7.mitm"));
        byte[] cut = Arrays.copyOf(file, file.length - 100);
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> read(cut, sink))
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("tnetstring length ")
                .hasMessageEndingWith(" is longer than the file (" + (cut.length - 3408 - 5 - 6) + " bytes left)")
                .extracting(e -> ((CaptureException) e).place()).isEqualTo("byte 3414");
        assertThat(sink.exchanges()).extracting(Exchange::origin).containsExactly("flow 0");
    }

    @Test
    void anUnknownTypeByteStopsTheReading() throws Exception {
        assertThatThrownBy(() -> read("3:abc?".getBytes(StandardCharsets.US_ASCII), new RecordingSink()))
                .isInstanceOf(CaptureException.class)
                .hasMessage("unknown tnetstring type '?' after the value that starts at byte 0")
                .extracting(e -> ((CaptureException) e).place()).isEqualTo("byte 5");
    }

    @Test
    void garbageAfterTheLastFlowIsNamed() throws Exception {
        byte[] file = concat(Files.readAllBytes(resource("dumpfile-018.mitm")), "\n".getBytes(StandardCharsets.US_ASCII));
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> read(file, sink))
                .isInstanceOf(CaptureException.class)
                .hasMessage("after the last flow: a tnetstring starts with its length in digits, found 0x0a");
        assertThat(sink.exchanges()).hasSize(1);
    }

    @Test
    void aFlowThatIsNotADictionaryOrDoesNotParseIsSkippedAndReadingGoesOn() throws Exception {
        byte[] good = Files.readAllBytes(resource("dumpfile-018.mitm"));
        byte[] list = "8:1:a,1:b,]".getBytes(StandardCharsets.US_ASCII);
        byte[] badInside = "10:3:abc,1:x#}".getBytes(StandardCharsets.US_ASCII);
        RecordingSink sink = new RecordingSink();

        read(concat(list, badInside, good), sink);

        assertThat(sink.exchanges()).extracting(Exchange::origin).containsExactly("flow 2");
        assertThat(sink.diagnostics).containsExactly("flow 0: a list, not a flow dictionary; skipped",
                "flow 1: byte 22: not an integer: x; flow skipped");
    }

    @Test
    void flowsWithoutOrWithAnUnknownVersionAreSkipped() throws Exception {
        byte[] noVersion = tnet("}", tnet(";", "type") , tnet(";", "http"));
        byte[] tooOld = tnet("}", tnet(";", "version"), tnet("]", tnet("#", "0"), tnet("#", "10")));
        RecordingSink sink = new RecordingSink();

        read(concat(noVersion, tooOld), sink);

        assertThat(sink.observations).isEmpty();
        assertThat(sink.diagnostics).containsExactly("flow 0: no format version; skipped",
                "flow 1: format version 0.10 is not one mitmproxy can read; skipped");
    }

    @Test
    void nestingDeeperThanTheBoundIsADiagnosticNotACrash() throws Exception {
        byte[] deep = tnet(";", "x");
        for (int i = 0; i < 100; i++) {
            deep = tnet("]", deep);
        }
        byte[] flow = tnet("}", tnet(";", "version"), tnet("#", "21"), tnet(";", "deep"), deep);
        RecordingSink sink = new RecordingSink();

        read(flow, sink);

        assertThat(sink.diagnostics).singleElement().asString().contains("tnetstrings nest deeper than 32");
    }

    /** Cut and flipped real flow files: the reader emits what it can and throws nothing but CaptureException. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void damagedFilesNeverThrowAnythingElse(long seed) throws Exception {
        Random random = new Random(seed);
        String[] names = {"dumpfile-018.mitm", "dumpfile-7.mitm", "dumpfile-7-websocket.mitm", "websocket.mitm"};
        byte[] file = Files.readAllBytes(resource(names[random.nextInt(names.length)]));
        byte[] damaged = Arrays.copyOf(file, 1 + random.nextInt(file.length));
        for (int i = random.nextInt(8); i > 0; i--) {
            damaged[random.nextInt(damaged.length)] = (byte) "0123456789:,;#^!~]}x".charAt(random.nextInt(20));
        }
        RecordingSink sink = new RecordingSink();

        try {
            read(damaged, sink);
        } catch (CaptureException e) {
            assertThat(e.place()).matches("byte \\d+");
        }
        assertThat(sink.exchanges()).allSatisfy(e -> assertThat(e.origin()).startsWith("flow "));
    }

    private void read(byte[] content, RecordingSink sink) throws Exception {
        Path file = dir.resolve("flows.mitm");
        Files.write(file, content);
        new MitmReader().read(file, sink);
    }

    private static byte[] tnet(String type, String text) {
        return tnet(type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] tnet(String type, byte[]... parts) {
        byte[] payload = concat(parts);
        return concat((payload.length + ":").getBytes(StandardCharsets.US_ASCII), payload,
                type.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
