package org.telltale.apk.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.DestinationResolver;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.firmware.FirmwareProgress;
import org.telltale.apk.trackers.TrackerCatalogue;
import org.telltale.testkit.Oracles;

/**
 * What the user names, read app by app: one damaged app inside a folder or a firmware image is told as
 * one problem naming it, and every other app there is still scanned.
 */
class ScanInputsTest {
    private static final AppScanner SCANNER =
            new AppScanner(CodeLimits.DEFAULT, TrackerCatalogue.bundled(), DestinationResolver.NONE);
    private static final Path SETTINGS = Path.of("src/test/resources/apk/settings_apk-debug.apk");

    @TempDir
    Path dir;

    private final List<String> scanned = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private ScanInputs inputs() throws IOException {
        return new ScanInputs(SCANNER, Files.createDirectories(dir.resolve("work")), FirmwareProgress.NONE,
                (place, reason) -> problems.add(place + ": " + reason));
    }

    @Test
    void aDamagedAppInAFolderIsOneProblemAndTheAppAfterItIsStillScanned() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("apps"));
        Files.write(folder.resolve("a-cut.apk"), Arrays.copyOf(Files.readAllBytes(SETTINGS), 4096));
        Files.copy(SETTINGS, folder.resolve("b-settings.apk"));
        inputs().scan(folder, app -> scanned.add(app.scan().file()));
        assertThat(scanned).containsExactly(folder.resolve("b-settings.apk").toString());
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith(folder.resolve("a-cut.apk") + ": "));
    }

    @Test
    void aPlainZipOfApksIsEachAppOnItsOwnAndADamagedOneIsOneProblem() throws Exception {
        Path zipFile = dir.resolve("apps.zip");
        Path test = Path.of("src/test/resources/apk/appium-uiautomator2-server-debug-androidTest.apk");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(zipFile))) {
            for (Object[] entry : new Object[][] {{"a/settings.apk", Files.readAllBytes(SETTINGS)},
                    {"b/cut.apk", Arrays.copyOf(Files.readAllBytes(SETTINGS), 4096)},
                    {"c/test.apk", Files.readAllBytes(test)}}) {
                zip.putNextEntry(new java.util.zip.ZipEntry((String) entry[0]));
                zip.write((byte[]) entry[1]);
                zip.closeEntry();
            }
        }
        List<String> packages = new ArrayList<>();
        inputs().scan(zipFile, app -> {
            scanned.add(app.scan().file());
            packages.add(app.scan().app().packageName());
        });
        assertThat(scanned).containsExactly(zipFile + "!a/settings.apk", zipFile + "!c/test.apk");
        assertThat(packages).containsExactly("io.appium.settings", "io.appium.uiautomator2.server.test");
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith(zipFile + "!b/cut.apk: "));
        try (var left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("no copy left behind").isEmpty();
        }
    }

    @Test
    void theBaseApksManifestNamesSplitAppsAndItsComponentsStillReachTheSdk() throws Exception {
        org.telltale.apk.fixtures.RealApks.needTools();
        Path bundle = dir.resolve("browser.apks");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bundle))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("splits/base.apk"));
            zip.write(Files.readAllBytes(org.telltale.apk.fixtures.RealApks.browserApk()));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("splits/split_other.apk")); // read after the base
            zip.write(Files.readAllBytes(SETTINGS));
            zip.closeEntry();
        }
        List<ScannedApp> apps = new ArrayList<>();
        inputs().scan(bundle, apps::add);
        assertThat(apps).singleElement().satisfies(app -> {
            assertThat(app.scan().app().packageName()).isEqualTo("com.example.browser");
            assertThat(app.scan().trackers()).singleElement()
                    .satisfies(t -> assertThat(t.reach()).isEqualTo(org.telltale.api.scan.TrackerHit.Reach.REACHABLE));
        });
    }

    @Test
    void aSplitTooLargeToTakeOutLeavesNoTemporaryFileBehind() throws Exception {
        Path bundle = dir.resolve("app.apks");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bundle))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("base.apk"));
            zip.write(Files.readAllBytes(SETTINGS));
            zip.closeEntry();
        }
        CodeLimits small = new CodeLimits(CodeLimits.DEFAULT.maxDexBytes(), CodeLimits.DEFAULT.maxClassesPerDex(),
                CodeLimits.DEFAULT.maxInstructions(), CodeLimits.DEFAULT.maxStringBytes(), CodeLimits.DEFAULT.maxEntries(),
                Files.size(SETTINGS) / 2, CodeLimits.DEFAULT.maxRatio(), CodeLimits.DEFAULT.maxDepth(),
                CodeLimits.DEFAULT.maxFiles());
        Path work = Files.createDirectories(dir.resolve("work"));
        ScanInputs inputs = new ScanInputs(new AppScanner(small, TrackerCatalogue.bundled(), DestinationResolver.NONE),
                work, FirmwareProgress.NONE, (place, reason) -> problems.add(place + ": " + reason));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inputs.scan(bundle, app -> scanned.add(app.scan().file())))
                .hasMessageContaining("app.apks!base.apk: larger than");
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aDamagedAppInAnImageIsOneProblemAndTheOtherAppsOfTheImageAreStillScanned() throws Exception {
        String mkfs = Oracles.onPath("mkfs.ext4") ? "mkfs.ext4" : "/usr/sbin/mkfs.ext4";
        Oracles.need("mkfs.ext4", Files.isExecutable(Path.of("/usr/sbin/mkfs.ext4")) || Oracles.onPath("mkfs.ext4"),
                "not installed (Debian package e2fsprogs)");
        Path stage = dir.resolve("stage");
        Path a = Files.createDirectories(stage.resolve("system/app/ACut"));
        Path b = Files.createDirectories(stage.resolve("system/app/Settings"));
        Files.write(a.resolve("ACut.apk"), Arrays.copyOf(Files.readAllBytes(SETTINGS), 4096));
        Files.copy(SETTINGS, b.resolve("Settings.apk"));
        Path image = dir.resolve("system.img");
        Process p = new ProcessBuilder(mkfs, "-q", "-F", "-t", "ext4", "-d", stage.toString(), image.toString(), "8M")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();

        inputs().scan(image, app -> scanned.add(app.scan().file()));
        assertThat(scanned).containsExactly("/system/app/Settings/Settings.apk");
        assertThat(problems).singleElement()
                .satisfies(pr -> assertThat(pr).startsWith(image + "!/system/app/ACut/ACut.apk: "));
    }
}
