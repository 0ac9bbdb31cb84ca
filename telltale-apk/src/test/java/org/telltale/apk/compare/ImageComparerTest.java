package org.telltale.apk.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.telltale.api.DestinationResolver;
import org.telltale.api.scan.AppIdentity;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.Comparison;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.fixtures.RealApks;
import org.telltale.apk.scan.AppScanner;
import org.telltale.apk.scan.ScannedApp;
import org.telltale.apk.trackers.TrackerCatalogue;

/**
 * The same code found across builds: the browser with the real Sensors Analytics SDK, against the
 * same browser built by R8 with every SDK name changed. R8's own mapping file says which renamed class
 * is which, so every match is checked against it.
 */
class ImageComparerTest {
    private static final AppScanner SCANNER =
            new AppScanner(CodeLimits.DEFAULT, TrackerCatalogue.bundled(), DestinationResolver.NONE);

    @Test
    void everyRenamedSdkClassMatchedIsTheOneR8MadeAndMostAreMatched() throws Exception {
        RealApks.needTools();
        ScannedApp plain = SCANNER.scanApk(RealApks.browserApk(), "browser.apk");
        ScannedApp renamed = SCANNER.scanApk(RealApks.renamedBrowserApk(), "browser-renamed.apk");
        Map<String, String> mapping = r8Mapping(RealApks.renamedBrowserApk().resolveSibling("mapping.txt"));
        ImageIndex a = new ImageIndex("a");
        a.add(plain);
        ImageIndex b = new ImageIndex("b");
        b.add(renamed);
        int sdkClasses = 0;
        int matched = 0;
        for (int i = 0; i < a.classes.size(); i++) {
            ImageIndex.Entry c = a.classes.get(i);
            if (c.tracker() != null) {
                sdkClasses++;
                int m = b.mutualMatch(a, i);
                if (m >= 0) {
                    matched++;
                    assertThat(b.classes.get(m).name()).as(c.name()).isEqualTo(mapping.get(c.name()));
                }
            }
        }
        assertThat(sdkClasses).isPositive();
        System.out.printf("renamed SDK classes matched: %d of %d with enough code%n", matched, sdkClasses);
        assertThat((double) matched / sdkClasses).as("share of the SDK's classes found renamed (105 of 169 when written)").isGreaterThan(0.6);

        ImageComparer comparer = new ImageComparer();
        comparer.image("plain");
        comparer.add(plain);
        comparer.image("renamed");
        comparer.add(renamed);
        Comparison.ImagePair pair = comparer.compare().pairs().get(0);
        assertThat(pair.sharedCode()).hasSize(1);
        Comparison.SharedCode code = pair.sharedCode().get(0);
        assertThat(code.trackerName()).isEqualTo("Sensors Analytics");
        assertThat(code.classes()).isEqualTo(matched);
        assertThat(code.renamed()).isEqualTo(matched);
        assertThat(code.otherApps()).isZero();
        assertThat(pair.sameApps()).singleElement().satisfies(app -> {
            assertThat(app.packageName()).isEqualTo("com.example.browser");
            assertThat(app.sameSigner()).isTrue();
        });
    }

    @Test
    void anUnrelatedRealAppSharesNoCodeAndNoAppWithTheBrowser() throws Exception {
        RealApks.needTools();
        ScannedApp browser = SCANNER.scanApk(RealApks.browserApk(), "browser.apk");
        ScannedApp settings = SCANNER.scanApk(Path.of("src/test/resources/apk/settings_apk-debug.apk"), "settings.apk");
        ImageIndex inBrowser = new ImageIndex("browser");
        inBrowser.add(browser);
        ImageIndex inSettings = new ImageIndex("settings");
        inSettings.add(settings);
        for (int i = 0; i < inSettings.classes.size(); i++) {
            assertThat(inBrowser.match(inSettings.classes.get(i).prints(), inSettings))
                    .as(inSettings.classes.get(i).name()).isEqualTo(-1);
        }
        ImageComparer comparer = new ImageComparer();
        comparer.image("browser");
        comparer.add(browser);
        comparer.image("settings");
        comparer.add(settings);
        Comparison.ImagePair pair = comparer.compare().pairs().get(0);
        assertThat(pair.sharedCode()).isEmpty();
        assertThat(pair.sameApps()).isEmpty();
    }

    @Test
    void theSameAppsSdkIsPairedWithItsCopyInThatAppNotWithAnotherAppsEarlierCopy() throws Exception {
        RealApks.needTools();
        ScannedApp plain = SCANNER.scanApk(RealApks.browserApk(), "browser.apk");
        ScannedApp renamed = SCANNER.scanApk(RealApks.renamedBrowserApk(), "browser-renamed.apk");
        AppScan r = renamed.scan();
        AppIdentity otherId = new AppIdentity("com.other.app", r.app().versionName(), r.app().versionCode(),
                r.app().minSdk(), r.app().targetSdk(), r.app().permissions(), r.app().components());
        ScannedApp other = new ScannedApp(new AppScan("other.apk", r.sha256(), r.size(), otherId, r.signing(), r.code(),
                r.trackers(), r.endpoints(), r.notes()), renamed.prints(), renamed.trackerOf());

        ImageComparer alone = new ImageComparer();
        alone.image("plain");
        alone.add(plain);
        alone.image("renamed");
        alone.add(renamed);
        Comparison.ImagePair expected = alone.compare().pairs().get(0);

        ImageComparer comparer = new ImageComparer();
        comparer.image("plain");
        comparer.add(plain);
        comparer.image("renamed, after another app with the same SDK");
        comparer.add(other);
        comparer.add(renamed);
        Comparison.ImagePair pair = comparer.compare().pairs().get(0);
        assertThat(pair.sameApps()).singleElement().satisfies(app -> {
            assertThat(app.fileB()).isEqualTo("browser-renamed.apk");
            assertThat(app.sharedClasses()).isPositive().isEqualTo(expected.sameApps().get(0).sharedClasses());
        });
        Comparison.SharedCode code = pair.sharedCode().get(0);
        assertThat(code.otherApps()).as("the browser's SDK is in the browser of the other image").isZero();
        assertThat(code.classes()).isEqualTo(expected.sharedCode().get(0).classes());
        assertThat(code.samples()).allSatisfy(m -> assertThat(m.appB()).isEqualTo("browser-renamed.apk"));
    }

    /** R8's mapping file: original class name → renamed. */
    static Map<String, String> r8Mapping(Path file) throws Exception {
        Map<String, String> out = new HashMap<>();
        Pattern classLine = Pattern.compile("^(\\S+) -> (\\S+):$");
        for (String line : Files.readAllLines(file)) {
            Matcher m = classLine.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }
}
