package org.telltale.apk.dex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;

/**
 * Method fingerprints read from DEX survive renaming and notice real changes. The same
 * {@link SampleDex} code is written twice by dexlib2, once with readable names and once with every
 * class, method and field the app defines renamed the way R8 does ({@code a.a.b.a}); framework
 * names ({@code java.net.URL.openConnection}) cannot be renamed and stay.
 */
class DexFingerprintTest {
    private static final SampleDex.Names READABLE = SampleDex.Names.READABLE;
    private static final SampleDex.Names RENAMED = SampleDex.Names.RENAMED;

    /** Each readable method and its renamed counterpart: "class.method" in both. */
    private static final Map<String, String> COUNTERPARTS = Map.of(
            "com.example.tracker.Beacon.<init>", "a.a.b.<init>",
            "com.example.tracker.Beacon.send", "a.a.b.a",
            "com.example.tracker.Beacon.modern", "a.a.b.modern",
            "com.example.tracker.Helper.hash", "a.a.c.b");

    @Test
    void renamingEveryAppClassMethodAndFieldKeepsEveryFingerprint() throws Exception {
        Map<String, CodeMethod> readable = methods(READABLE, SampleDex.Variant.ORIGINAL);
        Map<String, CodeMethod> renamed = methods(RENAMED, SampleDex.Variant.ORIGINAL);

        assertThat(renamed.keySet()).containsExactlyInAnyOrder("a.a.b.<init>", "a.a.b.a", "a.a.b.check", "a.a.b.modern",
                "a.a.c.b", "a.a.c.c");
        for (var pair : COUNTERPARTS.entrySet()) {
            CodeMethod before = readable.get(pair.getKey());
            CodeMethod after = renamed.get(pair.getValue());
            assertThat(after.fingerprint()).as(pair.getKey()).isNotZero().isEqualTo(before.fingerprint());
        }
        // four different methods, four different fingerprints
        assertThat(COUNTERPARTS.keySet().stream().map(k -> readable.get(k).fingerprint()).distinct()).hasSize(4);
    }

    @Test
    void changingAStringConstantChangesOnlyTheFingerprintOfTheMethodThatLoadsIt() throws Exception {
        Map<String, CodeMethod> original = methods(READABLE, SampleDex.Variant.ORIGINAL);
        Map<String, CodeMethod> changed = methods(READABLE, new SampleDex.Variant("https://other.example.org/v1/events", "openConnection"));

        assertChangedOnlySend(original, changed);
    }

    @Test
    void callingAnotherFrameworkMethodChangesTheFingerprint() throws Exception {
        Map<String, CodeMethod> original = methods(RENAMED, SampleDex.Variant.ORIGINAL);
        Map<String, CodeMethod> changed = methods(RENAMED, new SampleDex.Variant(SampleDex.Variant.ORIGINAL.eventsUrl(), "openStream"));

        assertChangedOnlySend(original, changed);
    }

    private static void assertChangedOnlySend(Map<String, CodeMethod> original, Map<String, CodeMethod> changed) {
        for (String method : original.keySet()) {
            boolean send = method.endsWith(".send") || method.equals("a.a.b.a");
            if (send) {
                assertThat(changed.get(method).fingerprint()).as(method).isNotEqualTo(original.get(method).fingerprint());
            } else {
                assertThat(changed.get(method).fingerprint()).as(method).isEqualTo(original.get(method).fingerprint());
            }
        }
    }

    /** Every method of the sample written with those names (API 28), by "class.method". */
    private static Map<String, CodeMethod> methods(SampleDex.Names names, SampleDex.Variant variant) throws Exception {
        List<CodeClass> classes = DexReader.read(new SampleDex(28, names, variant).write(), "classes.dex", CodeLimits.DEFAULT);
        Map<String, CodeMethod> out = new java.util.HashMap<>();
        for (CodeClass c : classes) {
            for (CodeMethod m : c.methods()) {
                out.put(c.name() + "." + m.name(), m);
            }
        }
        return out;
    }
}
