package org.telltale.apk.dex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jf.dexlib2.Opcode;
import org.jf.dexlib2.Opcodes;
import org.jf.dexlib2.dexbacked.DexBackedDexFile;
import org.jf.dexlib2.iface.instruction.Instruction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.MethodRef;

/**
 * DEX files written by dexlib2 for API levels whose format versions differ (035, 037, 038, 039),
 * holding the {@link SampleDex} app, read back: every class, method, call, class reference, string
 * and static String value the sample wrote, and nothing else. Instruction counts are held against
 * dexlib2's own reader of the same bytes (payloads left out on both sides).
 */
class DexlibWrittenTest {
    private static final String BEACON = "com.example.tracker.Beacon";
    private static final String HELPER = "com.example.tracker.Helper";
    private static final int PUBLIC = 0x1;
    private static final int PRIVATE = 0x2;
    private static final int STATIC = 0x8;
    private static final int FINAL = 0x10;
    private static final int NATIVE = 0x100;
    private static final int ABSTRACT = 0x400;
    private static final int CONSTRUCTOR = 0x10000;
    private static final java.util.Set<Opcode> PAYLOADS = java.util.Set.of(Opcode.PACKED_SWITCH_PAYLOAD,
            Opcode.SPARSE_SWITCH_PAYLOAD, Opcode.ARRAY_PAYLOAD);

    @ParameterizedTest(name = "API {0} writes DEX {1}")
    @CsvSource({"23, 35", "24, 37", "26, 38", "28, 39"})
    void readsBackEverythingDexlibWrote(int api, int version) throws Exception {
        SampleDex sample = new SampleDex(api, SampleDex.Names.READABLE, SampleDex.Variant.ORIGINAL);
        byte[] dex = sample.write();
        assertThat(DexHeader.peek(dex).version()).isEqualTo(version);

        List<CodeClass> classes = DexReader.read(dex, "classes.dex", CodeLimits.DEFAULT);

        assertThat(classes).extracting(CodeClass::name).containsExactlyInAnyOrder(BEACON, HELPER);
        assertThat(classes).extracting(CodeClass::source).containsOnly("classes.dex");
        CodeClass beacon = byName(classes, BEACON);
        assertThat(beacon.superName()).isEqualTo("java.lang.Object");
        assertThat(beacon.interfaces()).containsExactly("java.lang.Runnable");
        assertThat(beacon.access()).isEqualTo(PUBLIC | FINAL);
        assertThat(beacon.constants()).containsExactlyInAnyOrder(SampleDex.ENDPOINT_VALUE, SampleDex.HOST_VALUE);
        CodeClass helper = byName(classes, HELPER);
        assertThat(helper.interfaces()).containsExactly("java.io.Serializable", "java.lang.Cloneable");
        assertThat(helper.access()).isEqualTo(PUBLIC | ABSTRACT);
        assertThat(helper.constants()).isEmpty();

        Map<String, CodeMethod> methods = methods(beacon);
        assertThat(methods.keySet()).containsExactlyInAnyOrderElementsOf(api >= 26
                ? List.of("<init>(Landroid/content/Context;)V", "send(Ljava/lang/String;)I", "check()Z", "modern(Ljava/lang/invoke/MethodHandle;)V")
                : List.of("<init>(Landroid/content/Context;)V", "send(Ljava/lang/String;)I", "check()Z"));
        assertThat(methods(helper).keySet()).containsExactlyInAnyOrder("hash(Ljava/lang/String;)Ljava/lang/String;",
                "bootstrap(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;");

        CodeMethod init = methods.get("<init>(Landroid/content/Context;)V");
        assertThat(init.access()).isEqualTo(PUBLIC | CONSTRUCTOR);
        assertThat(init.calls()).containsExactly(new MethodRef("java.lang.Object", "<init>", "()V"));
        assertThat(init.classRefs()).containsExactly(BEACON);
        assertThat(init.strings()).isEmpty();

        CodeMethod send = methods.get("send(Ljava/lang/String;)I");
        assertThat(send.access()).isEqualTo(PUBLIC);
        assertThat(send.calls()).containsExactly(
                new MethodRef("java.net.URL", "<init>", "(Ljava/lang/String;)V"),
                new MethodRef("java.net.URL", "openConnection", "()Ljava/net/URLConnection;"),
                new MethodRef(HELPER, "hash", "(Ljava/lang/String;)Ljava/lang/String;"),
                new MethodRef("android.content.Context", "getPackageName", "()Ljava/lang/String;"));
        // new-instance, check-cast, the owner of sget and iget, const-class, instance-of, new-array of a class;
        // arrays of int name no class
        assertThat(send.classRefs()).containsExactly("java.net.URL", "java.net.HttpURLConnection", BEACON, HELPER,
                "java.lang.String", "java.lang.StringBuilder");
        assertThat(send.strings()).containsExactly("https://t.example.com/v1/events", SampleDex.IMEI);
        assertThat(send.fingerprint()).isNotZero();

        CodeMethod check = methods.get("check()Z");
        assertThat(check.access()).isEqualTo(PUBLIC | NATIVE);
        assertThat(check.calls()).isEmpty();
        assertThat(check.instructions()).isZero();
        assertThat(check.fingerprint()).isZero();

        CodeMethod hash = methods(helper).get("hash(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(hash.access()).isEqualTo(PUBLIC | STATIC);
        assertThat(hash.calls()).containsExactly(new MethodRef("java.lang.String", "hashCode", "()I"),
                new MethodRef("java.lang.Integer", "toHexString", "(I)Ljava/lang/String;"));
        assertThat(hash.classRefs()).isEmpty();

        if (api >= 26) {
            CodeMethod modern = methods.get("modern(Ljava/lang/invoke/MethodHandle;)V");
            // invoke-polymorphic names MethodHandle.invokeExact; invoke-custom's call site runs its bootstrap
            // method and the method handle among its arguments
            assertThat(modern.calls()).containsExactly(
                    new MethodRef("java.lang.invoke.MethodHandle", "invokeExact", "([Ljava/lang/Object;)Ljava/lang/Object;"),
                    new MethodRef(HELPER, "bootstrap",
                            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;"),
                    new MethodRef(HELPER, "hash", "(Ljava/lang/String;)Ljava/lang/String;"));
            // and a method handle to a static field getter among its arguments names the field's class
            assertThat(modern.classRefs()).containsExactly("android.os.Build");
            assertThat(modern.strings()).isEmpty();
        }

        Map<String, Long> dexlibCounts = dexlibInstructionCounts(dex, api);
        for (CodeClass c : classes) {
            for (CodeMethod m : c.methods()) {
                assertThat((long) m.instructions()).as("%s.%s instructions", c.name(), m.name())
                        .isEqualTo(dexlibCounts.get(c.name() + "." + m.name()));
            }
        }
        assertThat(send.instructions()).isGreaterThanOrEqualTo(sample.instructionCounts.get("send"));
    }

    /**
     * const-method-handle, which dexlib2 2.5.2 cannot write, made by hand from its output: the sample's
     * {@code invoke-custom {}, call_site@0} (fc 00 0000 0000) becomes {@code const-method-handle v0,
     * method_handle@k} and a nop (fe 00 kkkk 0000), once for each method handle the file has. The
     * method must then name that handle's target, as dexlib2's own reader of the file gives it.
     */
    @ParameterizedTest(name = "API {0}")
    @CsvSource({"26", "28"})
    void constMethodHandleNamesItsTarget(int api) throws Exception {
        byte[] dex = new SampleDex(api, SampleDex.Names.READABLE, SampleDex.Variant.ORIGINAL).write();
        int at = indexOf(dex, new byte[] {(byte) 0xfc, 0, 0, 0, 0, 0, 0x0e, 0});
        assertThat(at).as("the invoke-custom of modern()").isPositive();
        var handles = new DexBackedDexFile(Opcodes.forApi(api), dex).getMethodHandleSection();
        assertThat(handles).hasSize(3);
        for (int k = 0; k < handles.size(); k++) {
            byte[] patched = dex.clone();
            patched[at] = (byte) 0xfe;
            patched[at + 2] = (byte) k;
            CodeMethod modern = methods(byName(DexReader.read(patched, "classes.dex", CodeLimits.DEFAULT), BEACON))
                    .get("modern(Ljava/lang/invoke/MethodHandle;)V");
            var target = handles.get(k).getMemberReference();
            MethodRef invokeExact = new MethodRef("java.lang.invoke.MethodHandle", "invokeExact", "([Ljava/lang/Object;)Ljava/lang/Object;");
            if (target instanceof org.jf.dexlib2.iface.reference.MethodReference m) {
                String descriptor = "(" + String.join("", m.getParameterTypes()) + ")" + m.getReturnType();
                assertThat(modern.calls()).containsExactly(invokeExact,
                        new MethodRef(DexdumpListing.dotted(m.getDefiningClass()), m.getName(), descriptor));
                assertThat(modern.classRefs()).isEmpty();
            } else {
                var f = (org.jf.dexlib2.iface.reference.FieldReference) target;
                assertThat(modern.calls()).containsExactly(invokeExact);
                assertThat(modern.classRefs()).containsExactly(DexdumpListing.dotted(f.getDefiningClass()));
            }
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static CodeClass byName(List<CodeClass> classes, String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static Map<String, CodeMethod> methods(CodeClass c) {
        return c.methods().stream().collect(Collectors.toMap(m -> m.name() + m.descriptor(), m -> m));
    }

    /** Instructions per method as dexlib2 reads them back, payload pseudo-instructions left out. */
    private static Map<String, Long> dexlibInstructionCounts(byte[] dex, int api) {
        DexBackedDexFile file = new DexBackedDexFile(Opcodes.forApi(api), dex);
        Map<String, Long> counts = new java.util.HashMap<>();
        for (var c : file.getClasses()) {
            String name = DexdumpListing.dotted(c.getType());
            for (var m : c.getMethods()) {
                long n = 0;
                if (m.getImplementation() != null) {
                    for (Instruction i : m.getImplementation().getInstructions()) {
                        if (!PAYLOADS.contains(i.getOpcode())) {
                            n++;
                        }
                    }
                }
                counts.put(name + "." + m.getName(), n);
            }
        }
        return counts;
    }
}
