package org.telltale.apk.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.MethodRef;

/**
 * What the class reader makes of invokedynamic, of renaming and of its limits, on the real class files of
 * jte 3.2.5 (Java 17) and the Sensors Analytics SDK 4.3.6; the expected values are read off javap by hand.
 */
class JvmClassReaderTest {
    @Test
    void lambdaBodiesAreCallsAndTheMetafactoryIsNot() throws Exception {
        CodeClass c = read(jteClasses().get("gg/jte/compiler/TemplateCompiler.class"), CodeLimits.DEFAULT);
        List<MethodRef> calls = c.methods().stream().flatMap(m -> m.calls().stream()).toList();
        assertThat(calls).contains(new MethodRef("gg.jte.compiler.TemplateCompiler", "lambda$hotReload$0",
                        "(Lgg/jte/compiler/ClassDefinition;)Z"),
                new MethodRef("gg.jte.compiler.ClassDefinition", "getSourceFileName", "()Ljava/lang/String;"));
        assertThat(calls).noneMatch(r -> r.owner().startsWith("java.lang.invoke."));
    }

    @Test
    void concatenationRecipesGiveTheirConstantParts() throws Exception {
        CodeClass c = read(jteClasses().get("gg/jte/resolve/DirectoryCodeResolver.class"), CodeLimits.DEFAULT);
        CodeMethod m = method(c, "resolveRequired");
        assertThat(m.strings()).containsExactly(" not found (tried to load file at ", ")");
        assertThat(m.calls()).noneMatch(r -> r.owner().startsWith("java.lang.invoke."));
    }

    @Test
    void fingerprintsSurviveRenamingOfClassesAndPrivateMethods() throws Exception {
        Map<String, byte[]> original = jteClasses();
        Map<String, String> mapping = new HashMap<>();
        int n = 0;
        for (String entry : original.keySet()) {
            String internal = entry.substring(0, entry.length() - 6);
            mapping.put(internal, "o/" + Integer.toString(n++, 36));
            new ClassReader(original.get(entry)).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] ex) {
                    if ((access & Opcodes.ACC_PRIVATE) != 0) {
                        mapping.put(internal + "." + name + descriptor, "m" + mapping.size());
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        }
        SimpleRemapper remapper = new SimpleRemapper(mapping);
        int methods = 0;
        Set<Long> distinct = new HashSet<>();
        for (Map.Entry<String, byte[]> e : original.entrySet()) {
            ClassWriter writer = new ClassWriter(0);
            new ClassReader(e.getValue()).accept(new ClassRemapper(writer, remapper), 0);
            CodeClass before = read(e.getValue(), CodeLimits.DEFAULT);
            CodeClass after = read(writer.toByteArray(), CodeLimits.DEFAULT);
            assertThat(after.name()).startsWith("o.");
            assertThat(after.methods()).hasSameSizeAs(before.methods());
            for (int i = 0; i < before.methods().size(); i++) {
                CodeMethod b = before.methods().get(i);
                CodeMethod a = after.methods().get(i);
                assertThat(a.fingerprint()).as("%s.%s%s", before.name(), b.name(), b.descriptor()).isEqualTo(b.fingerprint());
                assertThat(a.instructions()).isEqualTo(b.instructions());
                if (b.instructions() > 0) {
                    methods++;
                    distinct.add(b.fingerprint());
                    assertThat(b.fingerprint()).isNotZero();
                } else {
                    assertThat(b.fingerprint()).isZero();
                }
            }
        }
        assertThat(methods).isGreaterThan(300);
        // Different code gives different fingerprints; the same ones are code that is the same once app names are
        // abstracted (a getter of an app field, an empty constructor): 282 distinct of 382 when written.
        assertThat(distinct.size()).isGreaterThan(methods * 2 / 3);
    }

    @Test
    void stringsAreCutBetweenCodePointsAtTheLimit() throws Exception {
        CodeLimits limits = limits(1 << 20, 8);
        CodeClass jte = read(jteClasses().get("gg/jte/compiler/TemplateCompiler.class"), limits);
        assertThat(jte.methods().stream().flatMap(m -> m.strings().stream())).contains("Failed t")
                .allSatisfy(s -> assertThat(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8));
        CodeClass sdk = read(sensorsClass("com/sensorsdata/analytics/android/sdk/DebugModeSelectDialog.class"), limits);
        assertThat(sdk.methods().stream().flatMap(m -> m.strings().stream())).contains("SDK 调");
    }

    @Test
    void aMethodPastTheInstructionLimitIsRefused() throws Exception {
        assertThatThrownBy(() -> read(jteClasses().get("gg/jte/compiler/TemplateCompiler.class"), limits(10, 64 * 1024)))
                .isInstanceOf(CodeFormatException.class)
                .hasMessageStartingWith("T.class: method ").hasMessageEndingWith(" has more than 10 instructions");
    }

    @Test
    void damagedClassFilesAreOneLineErrors() throws Exception {
        byte[] good = jteClasses().get("gg/jte/compiler/TemplateCompiler.class");
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(good, 9));
        bad.add(Arrays.copyOf(good, good.length / 3));
        byte[] future = good.clone();
        future[7] = 99;
        bad.add(future);
        Random random = new Random(10);
        for (int i = 0; i < 50; i++) {
            byte[] b = good.clone();
            for (int j = 0; j < 20; j++) {
                b[10 + random.nextInt(b.length - 10)] = (byte) random.nextInt();
            }
            bad.add(b);
        }
        int refused = 0;
        for (byte[] b : bad) {
            try {
                read(b, CodeLimits.DEFAULT);
            } catch (CodeFormatException e) {
                refused++;
                assertThat(e.getMessage()).startsWith("T.class: ").doesNotContain("\n");
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(4);
        assertThatThrownBy(() -> read(future, CodeLimits.DEFAULT)).hasMessageContaining("Unsupported class file version 99.0");
    }

    private static CodeMethod method(CodeClass c, String name) {
        return c.methods().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static CodeClass read(byte[] classFile, CodeLimits limits) throws CodeFormatException {
        return JvmClassReader.read(classFile, "T.class", limits);
    }

    private static CodeLimits limits(int instructions, int stringBytes) {
        CodeLimits d = CodeLimits.DEFAULT;
        return new CodeLimits(d.maxDexBytes(), d.maxClassesPerDex(), instructions, stringBytes, d.maxEntries(),
                d.maxEntryBytes(), d.maxRatio(), d.maxDepth(), d.maxFiles());
    }

    private static Map<String, byte[]> jteClasses() throws IOException {
        return classes(Files.newInputStream(RealJars.jteJar()));
    }

    private static byte[] sensorsClass(String entry) throws IOException {
        try (ZipInputStream aar = new ZipInputStream(Files.newInputStream(RealJars.sensorsAar()))) {
            for (ZipEntry e; (e = aar.getNextEntry()) != null; ) {
                if (e.getName().equals("classes.jar")) {
                    return classes(aar).get(entry);
                }
            }
        }
        throw new AssertionError(entry);
    }

    private static Map<String, byte[]> classes(InputStream jar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ZipInputStream zip = new ZipInputStream(jar);
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }
}
