package org.telltale.apk.trackers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.Dexdump;
import org.telltale.apk.fixtures.RealApks;

/**
 * The matcher on real DEX code: the browser fixture that carries the Sensors Analytics SDK as D8 built
 * it, and the same browser after R8 renamed the SDK. Class names are read by dexdump.
 */
class TrackersInBuiltApksTest {
    @TempDir
    Path work;

    @Test
    void everySdkClassOfTheBrowserIsSensorsAnalyticsAndNoClassOfTheAppsOwnIsATracker() throws Exception {
        RealApks.needTools();
        ClassSignatureMatcher matcher = ClassSignatureMatcher.bundled();
        List<String> classes = classes(RealApks.browserApk());
        assertThat(classes).anyMatch(c -> c.startsWith("com.example.browser."));
        int sdk = 0;
        for (String name : classes) {
            Set<String> found = found(matcher, name);
            if (name.startsWith(RealApks.SDK_PACKAGE + ".")) {
                sdk++;
                assertThat(found).as(name).containsExactly("exodus:248");
            } else {
                assertThat(found).as(name).isEmpty();
            }
        }
        assertThat(sdk).isGreaterThan(200);
    }

    @Test
    void onceR8HasRenamedTheSdkNoClassNameSignatureFindsIt() throws Exception {
        // What Exodus says of its own method, and why the scan also compares code fingerprints.
        RealApks.needTools();
        ClassSignatureMatcher matcher = ClassSignatureMatcher.bundled();
        List<String> classes = classes(RealApks.renamedBrowserApk());
        assertThat(classes).hasSizeGreaterThan(200).noneMatch(c -> c.startsWith(RealApks.SDK_PACKAGE));
        for (String name : classes) {
            assertThat(found(matcher, name)).as(name).isEmpty();
        }
    }

    private static Set<String> found(ClassSignatureMatcher matcher, String name) {
        Set<String> found = new TreeSet<>();
        matcher.match(name, i -> found.add(matcher.tracker(i).key()));
        return found;
    }

    private List<String> classes(Path apk) throws Exception {
        return Dexdump.classes(apk, work);
    }
}
