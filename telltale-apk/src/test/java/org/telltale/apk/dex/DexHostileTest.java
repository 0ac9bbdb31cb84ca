package org.telltale.apk.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;

/**
 * Damaged and hostile DEX files: cut short, with counts and offsets that point past the end, a
 * string whose stated length lies, an unused opcode, limits reached, bytes changed at random, and
 * items shared by thousands of pointers. The reader must stop with a one-line CodeFormatException
 * naming the place (or read what is there), never throw anything else, and never take long.
 */
class DexHostileTest {
    private static final Duration QUICK = Duration.ofSeconds(20);

    @Test
    void aRealDexCutAtEvery64thOfItsLengthFailsCleanly() throws Exception {
        byte[] dex = DexdumpAgreementTest.entry("appium-uiautomator2-server-debug-androidTest.apk", "classes.dex");
        assertTimeoutPreemptively(QUICK, () -> {
            for (int k = 1; k < 64; k++) {
                byte[] cut = Arrays.copyOf(dex, (int) ((long) dex.length * k / 64));
                assertThatThrownBy(() -> DexReader.read(cut, "classes.dex", CodeLimits.DEFAULT))
                        .as("cut at %d/64", k).isInstanceOf(CodeFormatException.class).hasMessageStartingWith("classes.dex: ");
                // the same, with file_size saying the cut length, so the tables themselves run past the end
                if (cut.length >= 0x70) {
                    DexContainerTest.put(cut, 0x20, cut.length);
                    readsOrFailsCleanly(cut);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} = 0x{1}")
    @CsvSource({
        "0x38, 7fffffff, string_ids", "0x40, 7fffffff, type_ids", "0x48, 7fffffff, proto_ids",
        "0x50, 7fffffff, field_ids", "0x58, 7fffffff, method_ids", "0x40, 00010000, more than the format's 65535",
        "0x60, 7fffffff, more than the limit", "0x60, 00010000, class_defs", "0x3c, 7ffffff0, string_ids", "0x64, 00100000, class_defs",
        "0x20, 80000000, file_size", "0x24, 00000071, header_size", "0x28, 78563412, big-endian"})
    void aHeaderFieldThatLiesIsNamed(String field, String value, String named) throws Exception {
        byte[] dex = DexContainerTest.sample();
        DexContainerTest.put(dex, Integer.decode(field), Integer.parseUnsignedInt(value, 16));
        assertThatThrownBy(() -> DexReader.read(dex, "classes.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining(named).message().doesNotContain("\n");
    }

    @Test
    void aMagicOrVersionOutside035To041IsRefused() throws Exception {
        byte[] dex = DexContainerTest.sample();
        assertThatThrownBy(() -> DexReader.read(DexContainerTest.withVersion(dex.clone(), "042"), "x.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessage("x.dex: header at 0x0: DEX version 042 is not one of 035 to 041");
        byte[] notDex = dex.clone();
        notDex[0] = 'D';
        assertThatThrownBy(() -> DexReader.read(notDex, "x.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("not a DEX file");
        assertThatThrownBy(() -> DexReader.read(new byte[10], "x.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("header at 0x0 (112 bytes) runs past the end");
    }

    /** A string_data_item's UTF-16 length is a claim: the zero byte, not the claim, ends the string. */
    @Test
    void aStringWhoseStatedLengthLiesIsReadToItsZeroByte() throws Exception {
        byte[] dex = DexContainerTest.sample();
        byte[] imei = {4, 'i', 'm', 'e', 'i', 0};
        int at = DexlibWrittenTest.indexOf(dex, imei);
        assertThat(at).isPositive();
        for (int lie : new int[] {0x7f, 0, 1}) {
            byte[] patched = dex.clone();
            patched[at] = (byte) lie;
            assertThat(send(patched, CodeLimits.DEFAULT).strings()).as("length %d", lie)
                    .containsExactly("https://t.example.com/v1/events", "imei");
        }
        // a length of five bytes, 0xffffffff, over the same string: shifts nothing, allocates nothing
        byte[] huge = Arrays.copyOf(dex, dex.length + 16);
        int end = dex.length;
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 'i', 'm', 'e', 'i', 0}, 0, huge, end, 10);
        int stringIds = ByteBuffer.wrap(dex).order(ByteOrder.LITTLE_ENDIAN).getInt(0x3c);
        for (int i = 0; i < ByteBuffer.wrap(dex).order(ByteOrder.LITTLE_ENDIAN).getInt(0x38); i++) {
            if (ByteBuffer.wrap(dex).order(ByteOrder.LITTLE_ENDIAN).getInt(stringIds + 4 * i) == at) {
                DexContainerTest.put(huge, stringIds + 4 * i, end);
            }
        }
        DexContainerTest.put(huge, 0x20, huge.length);
        assertThat(send(huge, CodeLimits.DEFAULT).strings()).containsExactly("https://t.example.com/v1/events", "imei");
    }

    @Test
    void aStringLongerThanTheLimitIsCut() throws Exception {
        CodeLimits five = new CodeLimits(256L << 20, 200_000, 1 << 20, 5, 100_000, 512L << 20, 1_000, 4, 200_000);
        assertThat(send(DexContainerTest.sample(), five).strings()).containsExactly("https", "imei");
    }

    @Test
    void anUnusedOpcodeNamesTheMethodAndThePlace() throws Exception {
        byte[] dex = DexContainerTest.sample();
        int at = indexOfConstStringThenNewInstance(dex);
        dex[at] = 0x3e;
        assertThatThrownBy(() -> DexReader.read(dex, "classes.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class)
                .hasMessageContaining("com.example.tracker.Beacon.send(Ljava/lang/String;)I")
                .hasMessageContaining("unused opcode 0x3e at code unit 0x0000");
    }

    @Test
    void limitsAreKeptAndNamed() throws Exception {
        byte[] dex = DexContainerTest.sample();
        CodeLimits d = CodeLimits.DEFAULT;
        assertThatThrownBy(() -> DexReader.read(dex, "classes.dex", new CodeLimits(dex.length - 1, d.maxClassesPerDex(),
                d.maxInstructions(), d.maxStringBytes(), d.maxEntries(), d.maxEntryBytes(), d.maxRatio(), d.maxDepth(), d.maxFiles())))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("more than the limit of " + (dex.length - 1));
        assertThatThrownBy(() -> DexReader.read(dex, "classes.dex", new CodeLimits(d.maxDexBytes(), 1,
                d.maxInstructions(), d.maxStringBytes(), d.maxEntries(), d.maxEntryBytes(), d.maxRatio(), d.maxDepth(), d.maxFiles())))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("2 classes, more than the limit of 1");
        assertThatThrownBy(() -> DexReader.read(dex, "classes.dex", new CodeLimits(d.maxDexBytes(), d.maxClassesPerDex(),
                10, d.maxStringBytes(), d.maxEntries(), d.maxEntryBytes(), d.maxRatio(), d.maxDepth(), d.maxFiles())))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("code units, more than the limit of 10");
    }

    /** Thousands of class_defs all pointing at one class's data: more work than a few passes over the file is refused. */
    @Test
    void itemsSharedByThousandsOfPointersCostAFewPassesAtMost() throws Exception {
        byte[] dex = DexContainerTest.sample();
        ByteBuffer f = ByteBuffer.wrap(dex).order(ByteOrder.LITTLE_ENDIAN);
        int copies = 20_000;
        int table = (dex.length + 3) & ~3;
        byte[] hostile = Arrays.copyOf(dex, table + 32 * copies);
        int beacon = classDefWithMostCode(dex);
        for (int i = 0; i < copies; i++) {
            System.arraycopy(dex, f.getInt(0x64) + 32 * beacon, hostile, table + 32 * i, 32);
        }
        DexContainerTest.put(hostile, 0x20, hostile.length);
        DexContainerTest.put(hostile, 0x60, copies);
        DexContainerTest.put(hostile, 0x64, table);
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> DexReader.read(hostile, "classes.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("points at the same data over and over"));
    }

    /** Bytes changed at random (a fixed seed), in a dexlib2-written file and a real one: read, or a clean failure. */
    @Test
    void randomDamageNeverThrowsAnythingElse() throws Exception {
        List<byte[]> files = List.of(DexContainerTest.sample(),
                DexdumpAgreementTest.entry("settings_apk-debug.apk", "classes4.dex"));
        Random random = new Random(20261130);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (byte[] original : files) {
                for (int round = 0; round < 1500; round++) {
                    byte[] damaged = original.clone();
                    int changes = 1 + random.nextInt(4);
                    for (int c = 0; c < changes; c++) {
                        int at = 0x70 + random.nextInt(damaged.length - 0x70);
                        damaged[at] = random.nextInt(3) == 0 ? (byte) 0xff : (byte) random.nextInt(256);
                    }
                    readsOrFailsCleanly(damaged);
                }
            }
        });
    }

    private static void readsOrFailsCleanly(byte[] dex) {
        try {
            DexReader.read(dex, "classes.dex", CodeLimits.DEFAULT);
        } catch (CodeFormatException e) {
            assertThat(e.getMessage()).startsWith("classes.dex: ").doesNotContain("\n");
        }
    }

    private static CodeMethod send(byte[] dex, CodeLimits limits) throws CodeFormatException {
        List<CodeClass> classes = DexReader.read(dex, "classes.dex", limits);
        return DexlibWrittenTest.methods(DexlibWrittenTest.byName(classes, "com.example.tracker.Beacon")).get("send(Ljava/lang/String;)I");
    }

    /** send()'s first two instructions: const-string v0 (1a 00 ....) and new-instance v1 (22 01 ....). */
    private static int indexOfConstStringThenNewInstance(byte[] dex) {
        for (int i = 0; i + 6 <= dex.length; i++) {
            if (dex[i] == 0x1a && dex[i + 1] == 0 && dex[i + 4] == 0x22 && dex[i + 5] == 1) {
                return i;
            }
        }
        throw new AssertionError("send() not found");
    }

    private static int classDefWithMostCode(byte[] dex) throws CodeFormatException {
        List<CodeClass> classes = DexReader.read(dex, "classes.dex", CodeLimits.DEFAULT);
        int best = 0;
        for (int i = 1; i < classes.size(); i++) {
            if (instructions(classes.get(i)) > instructions(classes.get(best))) {
                best = i;
            }
        }
        return best;
    }

    private static int instructions(CodeClass c) {
        return c.methods().stream().mapToInt(CodeMethod::instructions).sum();
    }
}
