package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.fixtures.RealApks;
import org.telltale.testkit.Oracles;

/**
 * {@code telltale scan} and {@code compare} as a user runs them, on real APKs: one from npm with no
 * tracker SDK, a browser built around the real Sensors Analytics SDK and its R8-renamed copy, and
 * ext4 firmware images that e2fsprogs' mkfs writes with those APKs inside.
 */
class ScanCommandTest {
    static final Path SETTINGS = Path.of("../telltale-apk/src/test/resources/apk/settings_apk-debug.apk");

    @TempDir
    Path dir;

    @Test
    void aRealAppWithoutTrackersIsSaidToHaveNone() throws Exception {
        CliRun text = CliRun.of("scan", SETTINGS.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("package io.appium.settings", "trackers: none of the known tracker SDKs' classes");
        CliRun json = CliRun.of("scan", SETTINGS.toString(), "--format", "json");
        JsonNode app = ReportFiles.JSON.readTree(json.out()).get("apps").get(0);
        assertThat(app.get("app").get("package").asText()).isEqualTo("io.appium.settings");
        assertThat(app.get("trackers")).isEmpty();
        assertThat(app.get("code").get("dex_files").asInt()).isEqualTo(9);
        assertThat(ReportFiles.JSON.readTree(json.out()).has("case")).as("no --case, no case").isFalse();
    }

    @Test
    void theSdkIsFoundReachableAndPutNextToTheCasesTraffic() throws Exception {
        RealApks.needTools();
        Path kase = dir.resolve("study.case");
        Path har = dir.resolve("phone.har");
        new HarFile()
                .post(Instant.parse("2026-11-30T00:00:00Z"), "POST", "https://sa.browser-analytics.example.com/sa?project=browser",
                        "93.184.216.34", HarFile.headers("Content-Type", "text/plain"), "text/plain", "data_list=H4sI")
                .post(Instant.parse("2026-11-30T00:00:01Z"), "GET", "https://www.example.org/", "93.184.216.34",
                        List.of(), null, null)
                .write(har);
        assertThat(CliRun.of("import", har.toString(), "--case", kase.toString()).exitCode()).isZero();

        CliRun run = CliRun.of("scan", RealApks.browserApk().toString(), "--case", kase.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ReportFiles.JSON.readTree(run.out());
        JsonNode tracker = doc.get("apps").get(0).get("trackers").get(0);
        assertThat(doc.get("apps").get(0).get("trackers")).hasSize(1);
        assertThat(tracker.get("name").asText()).isEqualTo("Sensors Analytics");
        assertThat(tracker.get("reach").asText()).isEqualTo("reachable");
        JsonNode hosts = doc.get("case").get("hosts");
        assertThat(hosts).as("the captured host the app's code names, and not the other one").hasSize(1);
        assertThat(hosts.get(0).get("host").asText()).isEqualTo("sa.browser-analytics.example.com");
        assertThat(hosts.get(0).get("same_host").asBoolean()).isTrue();
        assertThat(hosts.get(0).get("named_by").get(0).asText()).endsWith("browser.apk: com.example.browser.BrowserApp");
        JsonNode traffic = doc.get("case").get("trackers").get(0);
        assertThat(traffic.get("seen")).isEmpty();
        assertThat(texts(traffic.get("not_seen"))).containsExactly("en.wikipedia.org", "manual.sensorsdata.cn");

        assertThat(CliRun.of("analyze", kase.toString(), "-o", dir.resolve("out.txt").toString()).exitCode()).isZero();
        Path html = dir.resolve("report.html");
        CliRun report = CliRun.of("report", kase.toString(), "-o", html.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(html)).contains(
                "1 app was scanned into this case (telltale scan).",
                "(com.example.browser 12.1.3) carries the code of Sensors Analytics, reachable from a component the"
                        + " system starts.",
                "Its code names a server the captured traffic went to: sa.browser-analytics.example.com (1 request).");
    }

    @Test
    void compareFindsTheRenamedSdkInAnotherImageAndTheSameAppSignedByTheSameKey() throws Exception {
        RealApks.needTools();
        Path a = image("a", "app/Browser/Browser.apk", RealApks.browserApk());
        Path b = image("b", "priv-app/MiBrowser/MiBrowser.apk", RealApks.renamedBrowserApk(),
                "app/Settings/Settings.apk", SETTINGS);
        CliRun run = CliRun.of("compare", a.toString(), b.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ReportFiles.JSON.readTree(run.out());
        assertThat(doc.get("images").get(0).get("apps").asInt()).isEqualTo(1);
        assertThat(doc.get("images").get(1).get("apps").asInt()).isEqualTo(2);
        JsonNode pair = doc.get("pairs").get(0);
        assertThat(pair.get("same_apps")).hasSize(1);
        assertThat(pair.get("same_apps").get(0).get("package").asText()).isEqualTo("com.example.browser");
        assertThat(pair.get("same_apps").get(0).get("same_signer").asBoolean()).isTrue();
        assertThat(pair.get("shared_code")).hasSize(1);
        JsonNode code = pair.get("shared_code").get(0);
        assertThat(code.get("tracker_name").asText()).isEqualTo("Sensors Analytics");
        assertThat(code.get("classes").asInt()).isPositive().isEqualTo(code.get("renamed").asInt());
        assertThat(code.get("samples").get(0).get("app_b").asText()).isEqualTo("/system/priv-app/MiBrowser/MiBrowser.apk");
        assertThat(code.get("samples").get(0).get("class_b").asText()).startsWith("o.");

        CliRun text = CliRun.of("compare", a.toString(), b.toString());
        assertThat(text.out()).contains("Sensors Analytics [exodus:248]: " + code.get("classes").asInt()
                + " classes the same, " + code.get("classes").asInt() + " renamed");
    }

    @Test
    void aDamagedAppIsOneLineAndExitCodeTwoWhileTheOthersAreStillScanned() throws Exception {
        Path cut = dir.resolve("cut.apk");
        byte[] whole = Files.readAllBytes(SETTINGS);
        Files.write(cut, java.util.Arrays.copyOf(whole, 4096));
        CliRun run = CliRun.of("scan", cut.toString(), SETTINGS.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().satisfies(line -> {
            assertThat(line).startsWith(cut.toString() + ": ");
            assertThat(line).doesNotContain("Exception", "\tat ");
        });
        assertThat(run.out()).contains("package io.appium.settings");
    }

    @Test
    void aDamagedAppInAFolderIsOneLineNamingItAndTheFoldersOtherAppsAreStillScanned() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("apps"));
        Path cut = folder.resolve("a-cut.apk");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(SETTINGS), 4096));
        Files.copy(SETTINGS, folder.resolve("b-settings.apk"));
        CliRun run = CliRun.of("scan", folder.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().satisfies(line -> {
            assertThat(line).startsWith(cut + ": ");
            assertThat(line).doesNotContain("Exception", "\tat ");
        });
        assertThat(run.out()).contains("== " + folder.resolve("b-settings.apk"), "package io.appium.settings");
    }

    /** An ext4 system image made by e2fsprogs' mkfs from a folder holding the APKs at the given paths. */
    private Path image(String name, Object... pathsAndFiles) throws Exception {
        String mkfs = Oracles.onPath("mkfs.ext4") ? "mkfs.ext4" : "/usr/sbin/mkfs.ext4";
        Oracles.need("mkfs.ext4", Files.isExecutable(Path.of("/usr/sbin/mkfs.ext4")) || Oracles.onPath("mkfs.ext4"),
                "not installed (Debian package e2fsprogs)");
        Path stage = dir.resolve(name + "-root");
        for (int i = 0; i < pathsAndFiles.length; i += 2) {
            Path to = stage.resolve("system").resolve((String) pathsAndFiles[i]);
            Files.createDirectories(to.getParent());
            Files.copy((Path) pathsAndFiles[i + 1], to);
        }
        Path image = dir.resolve(name + ".img");
        List<String> cmd = new ArrayList<>(List.of(mkfs, "-q", "-F", "-t", "ext4", "-d", stage.toString(),
                image.toString(), "16M"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mkfs.ext4 failed: " + out);
        }
        return image;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
