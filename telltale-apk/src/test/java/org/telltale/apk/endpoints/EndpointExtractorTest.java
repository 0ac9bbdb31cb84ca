package org.telltale.apk.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.Dexdump;
import org.telltale.apk.fixtures.RealApks;

/** The endpoints found in every string constant of real APKs, against the sets judged by hand, and the rules one by one. */
class EndpointExtractorTest {
    private static final Pattern CONST_STRING = Pattern.compile("const-string(?:/jumbo)? v\\d+, \"(.*)\" // string@[0-9a-f]+$");

    @TempDir
    Path work;

    @Test
    void everyEndpointInTheRealApksStringConstantsIsTheJudgedSetNothingMissingNothingExtra() throws Exception {
        assertThat(endpointsIn(Dexdump.npmApks(), "npm")).containsExactlyInAnyOrderElementsOf(golden("real-apk-endpoints.tsv"));
    }

    @Test
    void everyEndpointInTheBrowserWithTheRealSensorsAnalyticsSdkIsTheJudgedSet() throws Exception {
        RealApks.needTools();
        assertThat(endpointsIn(List.of(RealApks.browserApk()), "browser"))
                .containsExactlyInAnyOrderElementsOf(golden("browser-apk-endpoints.tsv"));
    }

    /** Every endpoint of every const-string of the APKs, as "constant TAB url TAB host"; also written to a file to judge. */
    private Set<String> endpointsIn(List<Path> apks, String label) throws Exception {
        Set<String> constants = new TreeSet<>();
        for (Path apk : apks) {
            for (String line : Dexdump.lines(Dexdump.run(apk, work, "-d"))) {
                if (!line.contains("const-string")) {
                    continue;
                }
                Matcher m = CONST_STRING.matcher(line);
                if (m.find()) {
                    constants.add(m.group(1));
                }
            }
        }
        assertThat(constants).as("string constants").hasSizeGreaterThan(100);
        EndpointExtractor extractor = new EndpointExtractor();
        Set<String> found = new TreeSet<>();
        for (String c : constants) {
            extractor.extract(c, e -> found.add(c + "\t" + (e.url() == null ? "" : e.url()) + "\t" + e.host()));
        }
        Files.write(Path.of("target", label + "-endpoints.found.tsv"), found,
                StandardCharsets.UTF_8);
        return found;
    }

    private static List<String> golden(String name) throws Exception {
        List<String> rows = new ArrayList<>();
        Path file = Path.of(EndpointExtractorTest.class.getResource("/org/telltale/apk/endpoints/" + name).toURI());
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(f[0] + "\t" + f[1] + "\t" + f[2]);
        }
        return rows;
    }

    @Test
    void urlsAnywhereInAConstantWithTheirHostsInLowerCase() {
        assertThat(endpoints("see HTTPS://Api.Example.COM:8443/v1?q=1, then ws://10.0.0.7:9000/socket."))
                .containsExactly("HTTPS://Api.Example.COM:8443/v1?q=1 api.example.com", "ws://10.0.0.7:9000/socket 10.0.0.7");
        assertThat(endpoints("wss://push.example.co.uk")).containsExactly("wss://push.example.co.uk push.example.co.uk");
        assertThat(endpoints("http://localhost:6790/wd/hub")).containsExactly("http://localhost:6790/wd/hub localhost");
        assertThat(endpoints("http://[2001:db8::1]/x")).containsExactly("http://[2001:db8::1]/x 2001:db8::1");
        assertThat(endpoints("(https://tracking.intl.miui.com/track/spock)"))
                .containsExactly("https://tracking.intl.miui.com/track/spock tracking.intl.miui.com");
    }

    @Test
    void templatesBareSchemesOtherSchemesAndNamespacesAreNoEndpoints() {
        assertThat(endpoints("http://%s/api")).isEmpty();
        assertThat(endpoints("https://{host}/api")).isEmpty();
        assertThat(endpoints("https://api.%s.example.com/")).isEmpty();
        assertThat(endpoints("https://${region}.example.com/")).isEmpty();
        assertThat(endpoints("https://")).isEmpty();
        assertThat(endpoints("ftp://files.example.com/x")).isEmpty();
        assertThat(endpoints("xhttp://example.com/")).isEmpty();
        assertThat(endpoints("http://printer.local/")).isEmpty();
        assertThat(endpoints("http://schemas.android.com/apk/res/android")).isEmpty();
        assertThat(endpoints("http://www.w3.org/2001/XMLSchema-instance")).isEmpty();
        assertThat(endpoints("http://java.sun.com/jaxp/xpath/dom")).isEmpty();
    }

    @Test
    void aBareHostIsTheWholeConstantAndNeverAPackagePropertyOrFileName() {
        assertThat(endpoints("data.mistat.xiaomi.com")).containsExactly("null data.mistat.xiaomi.com");
        assertThat(endpoints("www.google-analytics.com")).containsExactly("null www.google-analytics.com");
        assertThat(endpoints("api.example.co.uk")).containsExactly("null api.example.co.uk");
        assertThat(endpoints("zapr.in")).containsExactly("null zapr.in");
        assertThat(endpoints("app.adjust.com")).containsExactly("null app.adjust.com");
        for (String notAHost : List.of("com.google.android", "com.facebook.ads", "com.tencent.mm", "io.appium.settings",
                "android.net", "java.io", "sun.net", "de.greenrobot.event", "cn.jpush.android", "de.example.com", "os.name", "user.country", "sensorsdata.device.id", "jdk.xml.dtd.support", "libfoo.so", "build.sh",
                "README.md", "coverage.ec", "Www.Example.com", "com.example.MainActivity", "1.2.3.4", "example",
                "see www.example.com", "-bad.example.com", "a..example.com", "x".repeat(64) + ".example.com")) {
            assertThat(endpoints(notAHost)).as(notAHost).isEmpty();
        }
    }

    @Test
    void aHostileConstantCostsAtMostOnePassAndABoundedNumberOfEndpoints() {
        String many = "http://a.example.com/ ".repeat(10_000);
        assertThat(endpoints(many)).hasSize(EndpointExtractor.MAX_PER_CONSTANT);
        String noHost = "http://".repeat(20_000);
        long start = System.nanoTime();
        assertThat(endpoints(noHost)).isEmpty();
        assertThat(System.nanoTime() - start).as("linear, not quadratic").isLessThan(2_000_000_000L);
        String longUrl = "https://example.com/" + "a".repeat(100_000);
        assertThat(endpoints(longUrl)).singleElement().asString().hasSizeLessThan(EndpointExtractor.MAX_URL_LENGTH + 40);
    }

    private static List<String> endpoints(String constant) {
        List<String> out = new ArrayList<>();
        new EndpointExtractor().extract(constant, e -> out.add(e.url() + " " + e.host()));
        return out;
    }
}
