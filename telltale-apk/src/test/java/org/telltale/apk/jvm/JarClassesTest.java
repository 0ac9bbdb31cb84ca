package org.telltale.apk.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.ToolRun;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.testkit.Oracles;

/**
 * The classes of a real JAR and a real AAR from Maven Central against the JDK's javap on the same files:
 * the same classes, and in each the same methods with the same calls, class references, strings,
 * instruction counts and constant fields, both ways.
 */
class JarClassesTest {
    @TempDir
    Path tmp;

    @Test
    void java17JarIsWhatJavapSees() throws Exception {
        Oracles.need("javap");
        Path jar = RealJars.jteJar();
        List<CodeClass> ours = read(jar, "jte-3.2.5.jar", CodeLimits.DEFAULT);
        Map<String, JavapListing.Clazz> expected = RealJars.javap(jar, tmp);

        assertThat(expected).hasSizeGreaterThan(40);
        assertSame(RealJars.asJavap(ours), expected);
        assertThat(ours).allSatisfy(c -> assertThat(c.source()).startsWith("jte-3.2.5.jar!gg/jte/").endsWith(".class"));
    }

    @Test
    void sdkAarIsWhatJavapSeesInItsClassesJar() throws Exception {
        Oracles.need("javap");
        Path aar = RealJars.sensorsAar();
        List<CodeClass> ours = read(aar, "SensorsAnalyticsSDK-4.3.6.aar", CodeLimits.DEFAULT);
        ToolRun.stdout(tmp, "jar", "xf", aar.toString(), "classes.jar");
        Map<String, JavapListing.Clazz> expected = RealJars.javap(tmp.resolve("classes.jar"), tmp);

        assertThat(expected).hasSize(274);
        assertSame(RealJars.asJavap(ours), expected);
        CodeClass api = ours.stream().filter(c -> c.name().equals("com.sensorsdata.analytics.android.sdk.SensorsDataAPI"))
                .findFirst().orElseThrow();
        assertThat(api.source()).isEqualTo(
                "SensorsAnalyticsSDK-4.3.6.aar!classes.jar!com/sensorsdata/analytics/android/sdk/SensorsDataAPI.class");
        assertThat(api.constants()).contains("4.3.6");
    }

    @Test
    void aarLibsJarsAreReadToo() throws Exception {
        byte[] classesJar = entry(Files.readAllBytes(RealJars.sensorsAar()), "classes.jar");
        Path aar = tmp.resolve("bundle.aar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(aar))) {
            put(out, "AndroidManifest.xml", "<manifest package=\"x\"/>".getBytes());
            put(out, "classes.jar", classesJar);
            put(out, "libs/jte.jar", Files.readAllBytes(RealJars.jteJar()));
            put(out, "assets/not-code.jar", Files.readAllBytes(RealJars.jteJar()));
        }
        List<CodeClass> all = read(aar, "bundle.aar", CodeLimits.DEFAULT);
        List<CodeClass> jte = read(RealJars.jteJar(), "x", CodeLimits.DEFAULT);
        assertThat(all).hasSize(274 + jte.size());
        assertThat(all).filteredOn(c -> c.source().startsWith("bundle.aar!libs/jte.jar!gg/jte/")).hasSize(jte.size());
        assertThat(all).filteredOn(c -> c.source().startsWith("bundle.aar!classes.jar!com/sensorsdata/")).hasSize(274);

        assertThatThrownBy(() -> read(aar, "bundle.aar", limits(100_000, 512L << 20, 1_000, 0)))
                .isInstanceOf(CodeFormatException.class).hasMessage("bundle.aar!classes.jar: nested deeper than 0");
    }

    @Test
    void limitsOfTheContainerStopTheReading() throws Exception {
        Path jar = RealJars.jteJar();
        assertThatThrownBy(() -> read(jar, "jte.jar", limits(20, 512L << 20, 1_000, 4)))
                .isInstanceOf(CodeFormatException.class).hasMessage("jte.jar: more than 20 entries");
        assertThatThrownBy(() -> read(jar, "jte.jar", limits(100_000, 4_096, 1_000, 4)))
                .isInstanceOf(CodeFormatException.class).hasMessageEndingWith(": inflates past 4096 bytes");

        Path bomb = tmp.resolve("bomb.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            put(out, "a/Bomb.class", new byte[8 << 20]);
        }
        assertThat(Files.size(bomb)).isLessThan(20_000);
        assertThatThrownBy(() -> read(bomb, "bomb.jar", limits(100_000, 512L << 20, 100, 4)))
                .isInstanceOf(CodeFormatException.class)
                .hasMessage("bomb.jar!a/Bomb.class: inflates more than 100 times its compressed size");
    }

    @Test
    void damagedClassStopsOrIsSkippedAsAsked() throws Exception {
        Path jar = tmp.resolve("damaged.jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(RealJars.jteJar()));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                put(out, e.getName(), e.getName().equals("gg/jte/compiler/TemplateCompiler.class")
                        ? java.util.Arrays.copyOf(data, data.length / 2) : data);
            }
        }
        int all = read(RealJars.jteJar(), "x", CodeLimits.DEFAULT).size();
        assertThatThrownBy(() -> read(jar, "damaged.jar", CodeLimits.DEFAULT)).isInstanceOf(CodeFormatException.class)
                .hasMessageStartingWith("damaged.jar!gg/jte/compiler/TemplateCompiler.class: not a readable class file (");

        List<CodeClass> kept = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        try (InputStream in = Files.newInputStream(jar)) {
            JarClasses.read(in, "damaged.jar", CodeLimits.DEFAULT, kept::add, (where, e) -> damaged.add(where));
        }
        assertThat(damaged).containsExactly("damaged.jar!gg/jte/compiler/TemplateCompiler.class");
        assertThat(kept).hasSize(all - 1);
    }

    /** Every class and member both ways, then each class whole, so a difference names its class. */
    private static void assertSame(Map<String, JavapListing.Clazz> ours, Map<String, JavapListing.Clazz> expected) {
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String name : expected.keySet()) {
            JavapListing.Clazz o = ours.get(name);
            JavapListing.Clazz e = expected.get(name);
            assertThat(o.methods()).as(name).hasSameSizeAs(e.methods());
            for (int i = 0; i < e.methods().size(); i++) {
                assertThat(o.methods().get(i)).as(name).isEqualTo(e.methods().get(i));
            }
            assertThat(o).as(name).isEqualTo(e);
        }
    }

    static List<CodeClass> read(Path file, String source, CodeLimits limits) throws IOException, CodeFormatException {
        List<CodeClass> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            JarClasses.read(in, source, limits, out::add);
        }
        return out;
    }

    private static CodeLimits limits(int entries, long entryBytes, int ratio, int depth) {
        CodeLimits d = CodeLimits.DEFAULT;
        return new CodeLimits(d.maxDexBytes(), d.maxClassesPerDex(), d.maxInstructions(), d.maxStringBytes(), entries,
                entryBytes, ratio, depth, d.maxFiles());
    }

    private static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(data);
        out.closeEntry();
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError(name);
    }
}
