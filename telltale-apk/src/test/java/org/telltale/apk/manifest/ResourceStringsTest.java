package org.telltale.apk.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.apk.ToolRun;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.testkit.Oracles;

/**
 * The string pools of real APKs (resources.arsc, whose pools are UTF-8, and every binary XML file, whose pools
 * are UTF-16, from aapt2 and from 2011's aapt) against androguard's StringBlock on the same bytes: the same
 * entries, the same strings in the same order.
 */
class ResourceStringsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"/apk/settings_apk-debug.apk", "/apk/appium-uiautomator2-server-debug-androidTest.apk",
        "/manifest/HelloActivity.apk"})
    void poolsAreThoseAndroguardReads(String resource) throws Exception {
        Oracles.need("androarsc");
        Path apk = tmp.resolve("app.apk");
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, apk);
        }
        Path script = tmp.resolve("androguard_pools.py");
        try (InputStream in = getClass().getResourceAsStream("/oracle/androguard_pools.py")) {
            Files.copy(in, script);
        }
        Map<String, List<String>> expected = new ObjectMapper().readValue(
                ToolRun.stdout(tmp, androguardPython(), script.toString(), apk.toString()), new TypeReference<>() { });

        Map<String, List<String>> ours = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries(apk).entrySet()) {
            if (e.getKey().equals("resources.arsc")) {
                ours.put(e.getKey(), ResourceStrings.read(e.getValue(), CodeLimits.DEFAULT));
            } else if (e.getKey().endsWith(".xml") && e.getValue().length > 2 && e.getValue()[0] == 3 && e.getValue()[1] == 0) {
                ours.put(e.getKey(), ResourceStrings.readXml(e.getValue(), CodeLimits.DEFAULT));
            }
        }
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String entry : expected.keySet()) {
            assertThat(ours.get(entry)).as(entry).containsExactlyElementsOf(expected.get(entry));
        }
    }

    @Test
    void appStringsAreThere() throws Exception {
        List<String> settings = ResourceStrings.read(entries(resource("/apk/settings_apk-debug.apk")).get("resources.arsc"),
                CodeLimits.DEFAULT);
        assertThat(settings).contains("Appium Settings").hasSize(1487);
        List<String> hello = ResourceStrings.read(entries(resource("/manifest/HelloActivity.apk")).get("resources.arsc"),
                CodeLimits.DEFAULT);
        assertThat(hello).containsExactly("res/layout/hello_activity.xml", "Hello, World!");
        assertThat(ResourceStrings.read(entries(resource("/apk/appium-uiautomator2-server-debug-androidTest.apk"))
                .get("resources.arsc"), CodeLimits.DEFAULT)).isEmpty();
    }

    @Test
    void longStringsAreCutWithoutBreakingACharacter() throws Exception {
        byte[] arsc = entries(resource("/apk/settings_apk-debug.apk")).get("resources.arsc");
        CodeLimits d = CodeLimits.DEFAULT;
        CodeLimits five = new CodeLimits(d.maxDexBytes(), d.maxClassesPerDex(), d.maxInstructions(), 5, d.maxEntries(),
                d.maxEntryBytes(), d.maxRatio(), d.maxDepth(), d.maxFiles());
        List<String> full = ResourceStrings.read(arsc, d);
        List<String> cut = ResourceStrings.read(arsc, five);
        assertThat(cut).hasSameSizeAs(full).contains("Appiu");
        for (int i = 0; i < full.size(); i++) {
            assertThat(full.get(i)).startsWith(cut.get(i));
            assertThat(cut.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void damagedPoolsAreOneLineErrors() throws Exception {
        byte[] arsc = entries(resource("/apk/settings_apk-debug.apk")).get("resources.arsc");
        for (int cut : new int[] {0, 8, 12, 40, 200, arsc.length / 3}) {
            byte[] part = Arrays.copyOf(arsc, cut);
            // A cut table still declares its whole size; make it say the truth so the pool's own checks are reached.
            if (cut >= 8) {
                ByteBuffer.wrap(part).order(ByteOrder.LITTLE_ENDIAN).putInt(4, cut);
            }
            assertThatThrownBy(() -> ResourceStrings.read(part, CodeLimits.DEFAULT)).isInstanceOf(CodeFormatException.class)
                    .hasMessageStartingWith("resources.arsc: ").hasMessageNotContaining("\n");
        }
        Random random = new Random(10);
        for (int i = 0; i < 200; i++) {
            byte[] b = arsc.clone();
            for (int j = 0; j < 8; j++) {
                b[random.nextInt(Math.min(b.length, 12_000))] = (byte) random.nextInt();
            }
            try {
                ResourceStrings.read(b, CodeLimits.DEFAULT);
            } catch (CodeFormatException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        }
    }

    @Test
    void offsetsAllPointingAtOneLongStringCannotMultiplyTheWork() throws Exception {
        // A UTF-8 pool of 1,000 entries that all point at one string of 30,000 bytes.
        int count = 1_000;
        int length = 30_000;
        int headerSize = 28;
        int stringsStart = headerSize + 4 * count;
        int poolSize = stringsStart + 4 + length + 1;
        ByteBuffer b = ByteBuffer.allocate(12 + poolSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 2).putShort((short) 12).putInt(12 + poolSize).putInt(1);
        b.putShort((short) 1).putShort((short) headerSize).putInt(poolSize).putInt(count).putInt(0).putInt(0x100)
                .putInt(stringsStart).putInt(0);
        for (int i = 0; i < count; i++) {
            b.putInt(0);
        }
        b.put((byte) (0x80 | length >> 8)).put((byte) length).put((byte) (0x80 | length >> 8)).put((byte) length);
        for (int i = 0; i < length; i++) {
            b.put((byte) 'a');
        }
        assertThatThrownBy(() -> ResourceStrings.read(b.array(), CodeLimits.DEFAULT))
                .hasMessage("resources.arsc: string pool decodes to more than 4 times its size");
        b.putInt(12 + 8, 3); // three entries are fine
        assertThat(ResourceStrings.read(b.array(), CodeLimits.DEFAULT)).hasSize(3).allSatisfy(s -> assertThat(s).hasSize(length));
    }

    /** The Python androguard's scripts run with (its {@code androarsc} names it), whatever python3 is first on the PATH. */
    private static String androguardPython() throws IOException {
        for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path tool = Path.of(dir, "androarsc");
            if (Files.isExecutable(tool)) {
                String first = Files.readAllLines(tool).get(0);
                return first.startsWith("#!") ? first.substring(2).strip().split(" ")[0] : "python3";
            }
        }
        throw new AssertionError("androarsc not on the PATH");
    }

    private Path resource(String name) throws IOException {
        Path file = tmp.resolve(name.substring(name.lastIndexOf('/') + 1));
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getResourceAsStream(name)) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    private static Map<String, byte[]> entries(Path apk) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(apk))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }
}
