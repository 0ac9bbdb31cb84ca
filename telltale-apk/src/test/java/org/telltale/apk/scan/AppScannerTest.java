package org.telltale.apk.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.telltale.api.DestinationResolver;
import org.telltale.api.scan.AppIdentity;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.api.scan.TrackerHit;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.fixtures.RealApks;
import org.telltale.apk.fixtures.RealApksTest;
import org.telltale.testkit.Oracles;
import org.telltale.apk.trackers.TrackerCatalogue;

/**
 * A scan of real APKs: two from npm that carry no tracker SDK, and a browser built in the test around
 * the real Sensors Analytics SDK, under its own names and renamed by R8.
 */
class AppScannerTest {
    private static final AppScanner SCANNER =
            new AppScanner(CodeLimits.DEFAULT, TrackerCatalogue.bundled(), DestinationResolver.NONE);
    private static final Path APKS = Path.of("src/test/resources/apk");

    @Test
    void theRealAppsFromNpmCarryNoTrackerSdk() throws Exception {
        for (String name : List.of("settings_apk-debug.apk", "appium-uiautomator2-server-debug-androidTest.apk")) {
            AppScan scan = SCANNER.scanApk(APKS.resolve(name), name).scan();
            assertThat(scan.trackers()).as(name).isEmpty();
            assertThat(scan.code().classes()).as(name).isPositive();
            assertThat(scan.notes()).as(name).isEmpty();
        }
    }

    @Test
    void theSdkIsFoundReachableFromTheApplicationClassWithItsCallersAndNothingElse() throws Exception {
        RealApks.needTools();
        AppScan scan = SCANNER.scanApk(RealApks.browserApk(), "browser.apk").scan();
        assertThat(scan.app().packageName()).isEqualTo("com.example.browser");
        assertThat(scan.app().versionName()).isEqualTo("12.1.3");
        assertThat(scan.app().components()).containsExactly(
                new AppIdentity.Component("application", "com.example.browser.BrowserApp", null),
                new AppIdentity.Component("activity", "com.example.browser.MainActivity", true));
        assertThat(scan.signing().verified()).isTrue();
        assertThat(scan.signing().certificates()).singleElement()
                .satisfies(c -> assertThat(c.subject()).contains("CN=Example Browser Release"));

        assertThat(scan.trackers()).hasSize(1);
        TrackerHit hit = scan.trackers().get(0);
        assertThat(hit.name()).isEqualTo("Sensors Analytics");
        assertThat(hit.reach()).isEqualTo(TrackerHit.Reach.REACHABLE);
        Oracles.need("dexdump");
        long sdkInDex = RealApksTest.dexdumpClasses(RealApks.browserApk()).stream()
                .filter(c -> c.startsWith("Lcom/sensorsdata/")).count();
        assertThat(hit.classes()).as("every SDK class dexdump lists in the APK (D8 may add synthetic ones)")
                .isEqualTo(sdkInDex).isGreaterThanOrEqualTo(sdkClassCount());
        assertThat(hit.path()).containsExactly("com.example.browser.BrowserApp",
                "com.sensorsdata.analytics.android.sdk.SensorsDataAPI");
        assertThat(hit.callers()).containsExactly(
                "com.example.browser.BrowserApp.onCreate calls com.sensorsdata.analytics.android.sdk.SensorsDataAPI.sharedInstance",
                "com.example.browser.MainActivity.open calls com.sensorsdata.analytics.android.sdk.SensorsDataAPI.sharedInstance",
                "com.example.browser.MainActivity.open calls com.sensorsdata.analytics.android.sdk.SensorsDataAPI.track");
    }

    @Test
    void theSameSdkRenamedIsNoLongerFoundByItsNamesAsExodusWouldNotFindIt() throws Exception {
        RealApks.needTools();
        AppScan scan = SCANNER.scanApk(RealApks.renamedBrowserApk(), "renamed.apk").scan();
        assertThat(scan.trackers()).isEmpty();
        assertThat(scan.code().classes()).isEqualTo(SCANNER.scanApk(RealApks.browserApk(), "b").scan().code().classes());
    }

    @Test
    void aJarWhoseCodeIsDexAsAndroidFrameworkJarsAreHasItsDexRead(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        byte[] dex;
        try (ZipFile apk = new ZipFile(APKS.resolve("settings_apk-debug.apk").toFile())) {
            dex = apk.getInputStream(apk.getEntry("classes4.dex")).readAllBytes();
        }
        Path jar = dir.resolve("framework.jar");
        writeZip(jar, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(), "classes.dex", dex);
        AppScan scan = SCANNER.scanJar(jar, "/system/framework/framework.jar").scan();
        assertThat(scan.code().dexFiles()).isEqualTo(1);
        assertThat(scan.code().classes()).as("dexdump lists 4 class descriptors in classes4.dex").isEqualTo(4);
        assertThat(scan.notes()).isEmpty();

        Path stripped = dir.resolve("stripped.jar");
        writeZip(stripped, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes());
        AppScan none = SCANNER.scanJar(stripped, "/system/framework/stripped.jar").scan();
        assertThat(none.code().classes()).isZero();
        assertThat(none.notes()).as("its code is unknown, not free of trackers").singleElement()
                .satisfies(n -> assertThat(n).contains("trackers are unknown, not none"));
    }

    @Test
    void anSdkJarWithoutManifestHasItsTrackerPresentAndSaysWhyNoMoreIsKnown() throws Exception {
        AppScan scan = SCANNER.scanJar(RealApks.sdkClassesJar(), "classes.jar").scan();
        assertThat(scan.trackers()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Sensors Analytics");
            assertThat(t.reach()).isEqualTo(TrackerHit.Reach.PRESENT);
            assertThat(t.callers()).isEmpty();
        });
        assertThat(scan.notes()).singleElement()
                .satisfies(n -> assertThat(n).contains("no manifest was read", "whether its code uses them is not known"));
    }

    private static void writeZip(Path file, Object... namesAndBytes) throws Exception {
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                zip.putNextEntry(new java.util.zip.ZipEntry((String) namesAndBytes[i]));
                zip.write((byte[]) namesAndBytes[i + 1]);
                zip.closeEntry();
            }
        }
    }

    static int sdkClassCount() throws Exception {
        try (ZipFile jar = new ZipFile(RealApks.sdkClassesJar().toFile())) {
            return (int) jar.stream().filter(e -> e.getName().endsWith(".class")).count();
        }
    }
}
