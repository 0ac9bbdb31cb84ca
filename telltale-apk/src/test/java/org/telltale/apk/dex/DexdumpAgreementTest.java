package org.telltale.apk.dex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.MethodRef;
import org.telltale.testkit.Oracles;

/**
 * Every classes*.dex of the real APKs in {@code apk/} (see the README there), read by the DEX reader
 * and held against Debian's {@code dexdump -d}: the same classes in the same order with the same
 * access flags, superclass, interfaces and static String values; the same methods (name, descriptor,
 * access) in the same order; and for every method with code the same instruction count, the same
 * methods invoked, the same classes named and the same string constants, each in code order with
 * repeats dropped. Nothing missing, nothing extra.
 *
 * <p>Deliberate differences: (1) dexdump prints an invoke-custom's call site and a
 * const-method-handle's handle by index only, where the reader records the methods (and field
 * classes) they target, so the calls and class references of a method with either are not compared
 * (these APKs have none, which the test checks; the dexlib2-written sample has one). (2) dexdump
 * prints payloads (switch tables, array data) among the instructions; the reader does not count
 * them. (3) dexdump prints strings as the file's raw Modified UTF-8, so the reader's strings are
 * encoded back to it before comparing.
 */
class DexdumpAgreementTest {
    private static final int SHOWN = 20;

    static Stream<Arguments> dexFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(DexdumpAgreementTest.class.getResource("/apk").toURI());
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> apks = Files.list(dir)) {
            for (Path apk : apks.filter(p -> p.toString().endsWith(".apk")).sorted().toList()) {
                try (ZipFile zip = new ZipFile(apk.toFile())) {
                    for (ZipEntry e : Collections.list(zip.entries())) {
                        if (e.getName().matches("classes\\d*\\.dex")) {
                            out.add(Arguments.of(apk.getFileName().toString(), e.getName()));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dexFiles")
    void readsTheSameClassesMethodsCallsAndStringsAsDexdump(String apk, String entry, @TempDir Path tmp) throws Exception {
        Oracles.need("dexdump");
        int skipped = compare(entry(apk, entry), entry, tmp);
        assertThat(skipped).as("methods with invoke-custom or const-method-handle, whose targets dexdump cannot show").isZero();
    }

    /** The dexlib2-written sample too, in each version dexdump reads (its invoke-custom method's calls are not compared). */
    @ParameterizedTest(name = "API {0}")
    @ValueSource(ints = {23, 24, 26, 28})
    void readsTheDexlibWrittenSampleAsDexdumpDoes(int api, @TempDir Path tmp) throws Exception {
        Oracles.need("dexdump");
        byte[] dex = new SampleDex(api, SampleDex.Names.READABLE, SampleDex.Variant.ORIGINAL).write();
        assertThat(compare(dex, "classes.dex", tmp)).isEqualTo(api >= 26 ? 1 : 0);
    }

    /** Compares everything both can state and returns how many methods' calls could not be compared. */
    private static int compare(byte[] dex, String entry, Path tmp) throws Exception {
        Path file = tmp.resolve(entry);
        Files.write(file, dex);
        List<DexdumpListing.DumpClass> expected = DexdumpListing.dump(file);
        List<CodeClass> ours = DexReader.read(dex, entry, CodeLimits.DEFAULT);

        assertThat(ours).extracting(CodeClass::name)
                .containsExactlyElementsOf(expected.stream().map(c -> DexdumpListing.dotted(c.descriptor())).toList());
        List<String> differences = new ArrayList<>();
        int compared = 0;
        int skipped = 0;
        for (int i = 0; i < ours.size(); i++) {
            CodeClass c = ours.get(i);
            DexdumpListing.DumpClass d = expected.get(i);
            check(differences, c.name() + " access", c.access(), d.access());
            check(differences, c.name() + " superclass", c.superName(),
                    d.superclass() == null ? null : DexdumpListing.dotted(d.superclass()));
            check(differences, c.name() + " interfaces", c.interfaces(),
                    d.interfaces().stream().map(DexdumpListing::dotted).toList());
            check(differences, c.name() + " static strings", raw(c.constants()), d.staticStrings());
            check(differences, c.name() + " methods", c.methods().stream().map(m -> m.name() + m.descriptor() + " " + m.access()).toList(),
                    d.methods().stream().map(m -> m.name() + m.type() + " " + m.access()).toList());
            if (c.methods().size() != d.methods().size()) {
                continue;
            }
            for (int j = 0; j < c.methods().size(); j++) {
                CodeMethod m = c.methods().get(j);
                DexdumpListing.DumpMethod dm = d.methods().get(j);
                String where = c.name() + "." + m.name() + m.descriptor();
                check(differences, where + " instructions", (long) m.instructions(), dm.instructionCount());
                check(differences, where + " strings", raw(m.strings()), dm.strings());
                if (dm.namesCallSitesOrHandles()) {
                    skipped++;
                } else {
                    check(differences, where + " class refs", m.classRefs(), dm.classRefs());
                    check(differences, where + " calls", m.calls().stream().map(MethodRef::toString).toList(), dm.calls());
                }
                compared++;
            }
        }
        assertThat(differences).as("differences from dexdump (first %d)", SHOWN).isEmpty();
        assertThat(compared).as("methods compared").isEqualTo(expected.stream().mapToInt(c -> c.methods().size()).sum());
        return skipped;
    }

    private static void check(List<String> differences, String what, Object ours, Object dexdump) {
        if (!Objects.equals(ours, dexdump) && differences.size() < SHOWN) {
            differences.add(what + ": ours " + ours + ", dexdump " + dexdump);
        }
    }

    /** Strings as the bytes dexdump prints: Modified UTF-8 (surrogates and U+0000 written as DEX stores them), read as ISO-8859-1. */
    private static List<String> raw(List<String> strings) {
        return strings.stream().map(DexdumpAgreementTest::mutf8).toList();
    }

    static String mutf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xc0 | (c >> 6));
                out.write(0x80 | (c & 0x3f));
            } else {
                out.write(0xe0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3f));
                out.write(0x80 | (c & 0x3f));
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] entry(String apk, String entry) throws IOException {
        try (InputStream in = DexdumpAgreementTest.class.getResourceAsStream("/apk/" + apk);
             java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new IOException(entry + " not in " + apk);
    }
}
