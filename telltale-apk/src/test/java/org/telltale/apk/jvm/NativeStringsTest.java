package org.telltale.apk.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.apk.ToolRun;
import org.telltale.testkit.Oracles;

/**
 * Strings of a real shared library, built here by gcc from a C file that holds a tracker's endpoint,
 * against binutils' {@code strings -a} on the same file: the same strings in the same order.
 */
class NativeStringsTest {
    private static final String C_SOURCE = """
            #include <stdio.h>
            const char *endpoint = "https://t.example-tracker.com/v1/log";
            static const char key[] = "device_id\\tandroid_id";
            int report(const char *id) {
                return printf("POST %s id=%s %s\\n", endpoint, id, key);
            }
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 10})
    void sharedLibraryStringsAreThoseOfBinutils(int minLength) throws Exception {
        Path so = buildLibrary();
        List<String> expected = Arrays.asList(ToolRun.stdout(tmp, "strings", "-a", "-n", Integer.toString(minLength),
                so.toString()).split("\n"));

        List<String> ours = extract(Files.newInputStream(so), Long.MAX_VALUE, minLength, Integer.MAX_VALUE);

        assertThat(ours).containsExactlyElementsOf(expected);
        if (minLength <= 6) {
            assertThat(ours).contains("https://t.example-tracker.com/v1/log", "device_id\tandroid_id");
        }
    }

    @Test
    void boundsStopAndSaySo() throws Exception {
        Path so = buildLibrary();
        List<String> all = extract(Files.newInputStream(so), Long.MAX_VALUE, 6, Integer.MAX_VALUE);
        List<String> first = new ArrayList<>();
        try (InputStream in = Files.newInputStream(so)) {
            assertThat(NativeStrings.extract(in, Long.MAX_VALUE, 6, 3, first::add)).isTrue();
        }
        assertThat(first).containsExactlyElementsOf(all.subList(0, 3));
        List<String> whole = new ArrayList<>();
        try (InputStream in = Files.newInputStream(so)) {
            assertThat(NativeStrings.extract(in, Long.MAX_VALUE, 6, all.size(), whole::add)).isFalse();
        }
        assertThat(whole).isEqualTo(all);

        byte[] bytes = Files.readAllBytes(so);
        int cut = indexOf(bytes, "https://t.example".getBytes()) + 10;
        List<String> head = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            assertThat(NativeStrings.extract(in, cut, 6, Integer.MAX_VALUE, head::add)).isTrue();
        }
        assertThat(head).last().isEqualTo("https://t.");
    }

    @Test
    void anEndlessRunIsCutAndReadInOnePass() throws Exception {
        byte[] hostile = new byte[32 << 20];
        Arrays.fill(hostile, (byte) 'A');
        hostile[hostile.length / 2] = 0;
        List<String> out = extract(new ByteArrayInputStream(hostile), Long.MAX_VALUE, 6, Integer.MAX_VALUE);
        assertThat(out).hasSize(2).allSatisfy(s -> assertThat(s).hasSize(NativeStrings.MAX_STRING_CHARS).matches("A+"));
    }

    private Path buildLibrary() throws Exception {
        Oracles.need("gcc");
        Oracles.need("strings");
        Path c = tmp.resolve("tracker.c");
        Files.writeString(c, C_SOURCE);
        Path so = tmp.resolve("libtracker.so");
        ToolRun.stdout(tmp, "gcc", "-shared", "-fPIC", "-O1", "-o", so.toString(), c.toString());
        return so;
    }

    private static List<String> extract(InputStream in, long maxBytes, int minLength, int maxStrings) throws IOException {
        List<String> out = new ArrayList<>();
        try (in) {
            NativeStrings.extract(in, maxBytes, minLength, maxStrings, out::add);
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
