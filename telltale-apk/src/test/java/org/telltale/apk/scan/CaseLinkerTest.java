package org.telltale.apk.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.api.DestinationResolver;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CaseLinks;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.fixtures.RealApks;
import org.telltale.apk.trackers.TrackerCatalogue;

/**
 * The browser with the real Sensors Analytics SDK next to captured hosts: a server its SDK names counts as
 * seen only when that very host was captured; a capture to another host of the same registrable domain is
 * shown as the captured host it is, never as the server the code names.
 */
class CaseLinkerTest {
    @Test
    void aTrackerServerIsSaidSeenOnlyForTheHostCapturedAndTheCapturedHostOfItsDomainIsNamed() throws Exception {
        RealApks.needTools();
        AppScan scan = new AppScanner(CodeLimits.DEFAULT, TrackerCatalogue.bundled(), DestinationResolver.NONE)
                .scanApk(RealApks.browserApk(), "browser.apk").scan();
        assertThat(scan.trackers()).singleElement()
                .satisfies(t -> assertThat(t.endpoints()).containsExactly("en.wikipedia.org", "manual.sensorsdata.cn"));

        CaseLinks links = CaseLinker.link(List.of(scan), Map.of("de.wikipedia.org", 3L, "manual.sensorsdata.cn", 1L,
                "www.example.org", 2L));

        assertThat(links.trackers()).singleElement().satisfies(t -> {
            assertThat(t.seen()).containsExactly("de.wikipedia.org", "manual.sensorsdata.cn");
            assertThat(t.notSeen()).as("no exchange went to en.wikipedia.org").containsExactly("en.wikipedia.org");
        });
        assertThat(links.hosts()).extracting(CaseLinks.HostLink::host, CaseLinks.HostLink::sameHost)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("de.wikipedia.org", false),
                        org.assertj.core.groups.Tuple.tuple("manual.sensorsdata.cn", true));
    }
}
