package org.telltale.apk.trackers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.Dexdump;
import org.telltale.apk.fixtures.RealApks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bundled lists as read, our rows checked against Exodus's, and the matcher on a real SDK and on the real APKs. */
class TrackerCatalogueTest {
    @TempDir
    Path work;

    @Test
    void theBundledCatalogueHoldsEveryExodusTrackerAsShippedThenOurRows() throws IOException {
        TrackerCatalogue catalogue = TrackerCatalogue.bundled();
        JsonNode shipped;
        try (InputStream in = TrackerCatalogue.class.getResourceAsStream(TrackerCatalogue.EXODUS_FILE)) {
            shipped = new ObjectMapper().readTree(in).path("trackers");
        }
        List<Tracker> exodus = catalogue.trackers().stream().filter(t -> t.origin().equals(Tracker.EXODUS)).toList();
        assertThat(exodus).hasSize(shipped.size());
        for (int i = 0; i < shipped.size(); i++) {
            JsonNode row = shipped.get(i);
            Tracker t = exodus.get(i);
            assertThat(t.id()).isEqualTo(row.path("id").asText());
            assertThat(t.name()).isEqualTo(row.path("name").asText());
            assertThat(String.join("|", t.codeSignatures())).isEqualTo(row.path("code_signature").asText());
            assertThat(String.join("|", t.networkSignatures())).isEqualTo(row.path("network_signature").asText());
            assertThat(t.source()).isEqualTo("https://reports.exodus-privacy.eu.org/en/trackers/" + t.id() + "/");
        }
        List<Tracker> ours = catalogue.trackers().subList(exodus.size(), catalogue.size());
        assertThat(ours).isNotEmpty().allMatch(t -> t.origin().equals(Tracker.TELLTALE));
        assertThat(ours).allSatisfy(t -> {
            assertThat(t.codeSignatures()).isNotEmpty();
            assertThat(t.source()).startsWith("https://");
            assertThat(t.categories()).hasSize(1);
        });
        assertThat(catalogue.trackers().stream().map(Tracker::key).distinct()).hasSize(catalogue.size());
    }

    @Test
    void noExodusSignatureAlreadyCoversOneOfOurRows() {
        TrackerCatalogue catalogue = TrackerCatalogue.bundled();
        ClassSignatureMatcher matcher = ClassSignatureMatcher.of(catalogue);
        for (Tracker t : catalogue.trackers()) {
            if (!t.origin().equals(Tracker.TELLTALE)) {
                continue;
            }
            for (String signature : t.codeSignatures()) {
                String name = signature + (signature.endsWith(".") ? "" : ".") + "Sdk";
                Set<String> found = new TreeSet<>();
                matcher.match(name, i -> found.add(matcher.tracker(i).key()));
                assertThat(found).as(name).containsExactly(t.key());
            }
        }
    }

    @Test
    void everyClassOfTheRealSensorsAnalyticsSdkIsSensorsAnalyticsAndNothingElse() throws IOException {
        List<String> classes = sensorsAnalyticsClasses();
        assertThat(classes).hasSizeGreaterThan(200);
        ClassSignatureMatcher matcher = ClassSignatureMatcher.bundled();
        for (String name : classes) {
            List<String> found = new ArrayList<>();
            matcher.match(name, i -> found.add(matcher.tracker(i).key()));
            assertThat(found).as(name).containsExactly("exodus:248");
        }
        assertThat(matcher.tracker(index(matcher, "exodus:248")).name()).isEqualTo("Sensors Analytics");
    }

    @Test
    void theRealApksDefineNoClassOfAnyTracker() throws Exception {
        ClassSignatureMatcher matcher = ClassSignatureMatcher.bundled();
        int classes = 0;
        for (Path apk : Dexdump.npmApks()) {
            for (String name : Dexdump.classes(apk, work)) {
                classes++;
                List<String> found = new ArrayList<>();
                matcher.match(name, i -> found.add(matcher.tracker(i).key()));
                assertThat(found).as(name).isEmpty();
            }
        }
        assertThat(classes).isGreaterThan(1_000);
    }

    @Test
    void aHitUnderCaseFoldingAloneIsNoMatch() {
        ClassSignatureMatcher matcher = ClassSignatureMatcher.bundled();
        List<String> found = new ArrayList<>();
        matcher.match("COM.SENSORSDATA.ANALYTICS.ANDROID.SDK.SensorsDataAPI", i -> found.add(matcher.tracker(i).key()));
        assertThat(found).isEmpty();
        matcher.match("com/sensorsdata/analytics/android/sdk/SensorsDataAPI", i -> found.add(matcher.tracker(i).key()));
        assertThat(found).containsExactly("exodus:248");
    }

    private static int index(ClassSignatureMatcher matcher, String key) {
        for (int i = 0; ; i++) {
            if (matcher.tracker(i).key().equals(key)) {
                return i;
            }
        }
    }

    /** The class names in the SDK's AAR (its classes.jar, as Maven Central serves it), dotted. */
    private static List<String> sensorsAnalyticsClasses() throws IOException {
        assertThat(RealApks.SDK_AAR).as("copied by the build from Maven Central").exists();
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(RealApks.SDK_AAR.toFile());
             ZipInputStream jar = new ZipInputStream(zip.getInputStream(zip.getEntry("classes.jar")))) {
            for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".class")) {
                    names.add(e.getName().substring(0, e.getName().length() - 6).replace('/', '.'));
                }
            }
        }
        return names;
    }
}
