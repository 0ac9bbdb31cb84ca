package org.telltale.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Attribution;
import org.telltale.api.scan.AppIdentity;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.api.scan.CodeSummary;
import org.telltale.api.scan.Signing;
import org.telltale.api.scan.TrackerHit;
import org.telltale.testkit.ExchangeBuilder;

class CodeScansTest {
    @TempDir
    Path dir;

    private static AppScan scan() {
        return new AppScan("browser.apk", "ab".repeat(32), 1000,
                new AppIdentity("com.example.browser", "1.2", 12, 21, 33, List.of("android.permission.INTERNET"), List.of()),
                new Signing(true, List.of("v2"), List.of(new Signing.Certificate("cd".repeat(32), "CN=Example", "2020-01-01T00:00:00Z",
                        "2050-01-01T00:00:00Z")), List.of()),
                new CodeSummary(2, 0, 300, 2000, 1),
                List.of(new TrackerHit("exodus:70", "Sensors Analytics", List.of("Analytics"), null,
                        TrackerHit.Reach.REACHABLE, 12, List.of("com.sensorsdata.analytics.android.sdk.SensorsDataAPI"),
                        List.of(), List.of(), List.of("sdk.sensorsdata.cn"))),
                List.of(new CodeEndpoint("sdk.sensorsdata.cn", "https://sdk.sensorsdata.cn/sa", "com.sensorsdata.X", "exodus:70",
                                Attribution.NONE),
                        new CodeEndpoint("api.example.com", null, "lib/arm64-v8a/libx.so", null, Attribution.NONE)),
                List.of());
    }

    @Test
    void aScanIsStoredWholeInARealSqliteFile() throws Exception {
        Path file = dir.resolve("a.case");
        try (CaseFile c = CaseFile.openOrCreate(file)) {
            c.codeScans().add(scan(), Instant.parse("2026-11-30T00:00:00Z"));
            assertThat(c.codeScans().list()).singleElement().satisfies(s -> {
                assertThat(s.file()).isEqualTo("browser.apk");
                assertThat(s.packageName()).isEqualTo("com.example.browser");
                assertThat(s.signer()).isEqualTo("cd".repeat(32));
                assertThat(s.classes()).isEqualTo(300);
            });
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT e.host, coalesce(e.url, '-'), e.where_named, coalesce(e.tracker, '-')"
                     + " FROM code_endpoints e JOIN code_scans s ON s.id = e.scan_id ORDER BY e.host")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
            }
        }
        assertThat(rows).containsExactly("api.example.com - lib/arm64-v8a/libx.so -",
                "sdk.sensorsdata.cn https://sdk.sensorsdata.cn/sa com.sensorsdata.X exodus:70");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tracker, name, reach, classes FROM code_trackers")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getInt(4))
                    .isEqualTo("exodus:70 Sensors Analytics REACHABLE 12");
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void aSummaryListsTheTrackersAndOnlyTheNamedHostsTheCapturesWentTo() throws Exception {
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("c.case"))) {
            try (CaptureImport imp = c.importCapture(new CaptureImport.Capture("phone.har", "ef".repeat(32), 1, "har"), false)) {
                imp.observe(ExchangeBuilder.post("https://SDK.sensorsdata.cn/sa").origin("entry 0").build());
                imp.observe(ExchangeBuilder.post("https://sdk.sensorsdata.cn/sa?x").origin("entry 1").build());
                imp.observe(ExchangeBuilder.get("https://www.example.org/").origin("entry 2").build());
                imp.finish();
            }
            c.codeScans().add(scan(), Instant.parse("2026-11-30T00:00:00Z"));
            assertThat(c.codeScans().summaries()).containsExactly(new org.telltale.api.scan.ScanSummary("browser.apk",
                    "com.example.browser", "1.2", 300,
                    List.of(new org.telltale.api.scan.ScanSummary.Tracker("Sensors Analytics", TrackerHit.Reach.REACHABLE)),
                    List.of(new org.telltale.api.scan.ScanSummary.Host("sdk.sensorsdata.cn", 2))));
        }
    }

    @Test
    void capturedHostsAreTheCasesExchangesByHostNameInAnyCase() throws Exception {
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("b.case"))) {
            try (CaptureImport imp = c.importCapture(new CaptureImport.Capture("phone.har", "ef".repeat(32), 1, "har"), false)) {
                imp.observe(ExchangeBuilder.post("https://sdk.sensorsdata.cn/sa?project=x").origin("entry 0").build());
                imp.observe(ExchangeBuilder.post("https://SDK.sensorsdata.cn/sa").origin("entry 1").build());
                imp.observe(ExchangeBuilder.get("https://www.example.org/").origin("entry 2").build());
                imp.observe(ExchangeBuilder.get("http://198.51.100.7/x").origin("entry 3").build());
                imp.finish();
            }
            assertThat(c.codeScans().capturedHosts()).containsExactly(
                    new CodeScans.CapturedHost("198.51.100.7", 1),
                    new CodeScans.CapturedHost("sdk.sensorsdata.cn", 2),
                    new CodeScans.CapturedHost("www.example.org", 1));
        }
    }
}
