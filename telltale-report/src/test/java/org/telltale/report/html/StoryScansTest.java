package org.telltale.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.scan.ScanSummary;
import org.telltale.api.scan.TrackerHit;

/** The story's sentences about apps scanned into the case, for each thing a scan can say. */
class StoryScansTest {
    @Test
    void noScanNoSentence() {
        assertThat(Story.scans(List.of())).isEmpty();
    }

    @Test
    void eachAppSaysItsTrackersHowFarItsCodeGoesAndTheCapturedServersItNames() {
        List<ScanSummary> scans = List.of(
                new ScanSummary("browser.apk", "com.example.browser", "12.1.3", 277,
                        List.of(new ScanSummary.Tracker("Sensors Analytics", TrackerHit.Reach.REACHABLE),
                                new ScanSummary.Tracker("Google Firebase Analytics", TrackerHit.Reach.PRESENT)),
                        List.of(new ScanSummary.Host("sa.example.com", 1), new ScanSummary.Host("t.example.net", 3))),
                new ScanSummary("settings.apk", "io.appium.settings", null, 5846, List.of(), List.of()),
                new ScanSummary("/system/app/Old/Old.apk", null, null, 0, List.of(), List.of()));
        assertThat(Story.scans(scans)).containsExactly(
                "3 apps were scanned into this case (telltale scan).",
                "browser.apk (com.example.browser 12.1.3) carries the code of Sensors Analytics, reachable from a"
                        + " component the system starts; Google Firebase Analytics, present (no code of the app's own"
                        + " names it).",
                "Its code names servers the captured traffic went to: sa.example.com (1 request) and t.example.net"
                        + " (3 requests).",
                "settings.apk (io.appium.settings) carries none of the known tracker SDKs' code.",
                "None of the servers its code names appears in the captures.",
                "/system/app/Old/Old.apk: its code was not read, so its trackers are unknown.");
    }
}
