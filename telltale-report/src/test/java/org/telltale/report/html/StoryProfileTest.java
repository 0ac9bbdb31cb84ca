package org.telltale.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.api.AnalysisResult;
import org.telltale.api.Attribution;
import org.telltale.api.CanaryFile;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Location;

/** The HTML report's story names identifiers as before and gives the device's profile one sentence per receiver. */
class StoryProfileTest {
    private static final Instant T = Instant.parse("2017-01-13T22:10:00Z");
    // Real, nDPI netflix.pcap: Netflix's image servers learn the phone is an iPhone on iOS 10.2.
    private static final Destination NFLX = new Destination("art-1.nflximg.net", "23.246.2.1", 80,
            new Attribution("nflximg.net", null, null, null, null, 0, null, null, Map.of()));

    private static Finding found(int flow, String kind, String value) {
        return new Finding(flow, "c0ffee/packet " + flow, null, kind, value, value,
                new Location(Location.Kind.HEADER, "User-Agent", 1), List.of(), 0, value.length(), "plain",
                Confidence.HIGH, null, NFLX);
    }

    @Test
    void theProfileIsOneSentencePerReceiverAndNotCountedAsPersonalValues() {
        List<Finding> findings = List.of(found(0, "device_model", "iPhone"), found(0, "os_version", "iOS 10.2"),
                found(1, "device_model", "iPhone"), found(1, "advertising_id", "38400000-8cf0-11bd-b23e-10b96e4ef00d"));
        Flow f0 = new Flow(0, "c0ffee/packet 0", T, "GET", "http://art-1.nflximg.net/a", NFLX.host(), NFLX.ip(), 80, null,
                "netflix.pcap", "packet 0", null, false, false);
        Flow f1 = new Flow(1, "c0ffee/packet 1", T, "GET", "http://art-1.nflximg.net/b", NFLX.host(), NFLX.ip(), 80, null,
                "netflix.pcap", "packet 1", null, false, false);
        AnalysisResult r = new AnalysisResult(List.of("netflix.pcap"), CanaryFile.EMPTY, List.of(f0, f1), findings,
                List.of(), List.of(), List.of(), List.of(), 2);
        ReportData data = new ReportData("netflix", new Provenance("1", T.toString(), null, null, null, null, null, Map.of(),
                List.of()), r, new Timeline.Builder().build(), EvidenceSource.NONE);
        List<String> story = Story.of(data, new ReportIndex(data).groups());
        assertThat(story).contains("Built-in detectors recognised 1 advertising ID value.",
                "The device's profile went to nflximg.net: device model, OS version (2 requests).");
        assertThat(story).noneMatch(s -> s.contains("device model value"));
    }
}
