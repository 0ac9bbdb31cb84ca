package org.telltale.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.telltale.api.AnalysisResult;
import org.telltale.api.Attribution;
import org.telltale.api.CanaryFile;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Location;

/**
 * The device's profile is summarised per receiver in every report, after what identifies the user,
 * while every profile finding stays in the JSON findings. The values are those of the real nDPI
 * capture quickplay.pcap (a MI 3W on Android 4.4.4 on Wi-Fi).
 */
class ProfileSummaryTest {
    private static final Instant T = Instant.parse("2015-04-14T09:12:00Z");
    private static final Destination QUICKPLAY = new Destination("api-singtelhawk.quickplay.com", "54.169.1.1", 80,
            new Attribution("quickplay.com", null, null, null, null, 0, null, null, Map.of()));
    private static final Destination FACEBOOK = new Destination("www.facebook.com", "31.13.64.1", 80,
            new Attribution("facebook.com", "Meta", null, "US", null, 0, null, null, Map.of()));

    private static Flow flow(int i, Destination d) {
        return new Flow(i, "c0ffee/packet " + i, T, "GET", "http://" + d.host() + "/", d.host(), d.ip(), 80, null,
                "quickplay.pcap", "packet " + i, null, false, false);
    }

    private static Finding found(int flow, String kind, String value, Destination d) {
        return new Finding(flow, "c0ffee/packet " + flow, null, kind, value, value,
                new Location(Location.Kind.HEADER, "User-Agent", 1), List.of(), 0, value.length(), "plain",
                Confidence.HIGH, null, d);
    }

    private static AnalysisResult result() {
        List<Finding> findings = List.of(
                found(0, "os_version", "Android 4.4.4", QUICKPLAY), found(0, "device_model", "MI 3W", QUICKPLAY),
                found(0, "network_type", "WIFI", QUICKPLAY),
                found(1, "device_model", "MI 3W", QUICKPLAY), found(1, "os_version", "Android 4.4.4", QUICKPLAY),
                found(2, "device_model", "MI 3W", FACEBOOK),
                found(2, "email", "user@example.com", FACEBOOK));
        return new AnalysisResult(List.of("quickplay.pcap"), CanaryFile.EMPTY,
                List.of(flow(0, QUICKPLAY), flow(1, QUICKPLAY), flow(2, FACEBOOK)), findings, List.of(), List.of(),
                List.of(), List.of());
    }

    @Test
    void oneLinePerReceiverWithItsKindsInTheTablesOrderAndItsRequests() {
        List<String> lines = ProfileSummary.of(result().findings()).entries().stream()
                .map(ProfileSummary.Entry::sentence).toList();
        assertThat(lines).containsExactly(
                "The device's profile went to quickplay.com: device model, OS version, network type (2 requests)",
                "The device's profile went to Meta: device model (1 request)");
    }

    @Test
    void theTextReportListsIdentifiersInItsTableAndTheProfileAsSentencesAfterIt() throws Exception {
        StringWriter out = new StringWriter();
        new TextReport().render(result(), out);
        String text = out.toString();
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("Built-in detectors recognised 1 personal value "
                + "in 1 request to 1 host. The device's profile went to 2 receivers in 3 requests.");
        String table = text.substring(text.indexOf("Personal data recognised"), text.indexOf("The device's profile, per"));
        assertThat(table).contains("email \"user@example.com\"").doesNotContain("MI 3W").doesNotContain("device_model");
        assertThat(text.substring(text.indexOf("The device's profile, per"))).startsWith(
                "The device's profile, per receiver (--format json lists every finding):\n"
                + "  The device's profile went to quickplay.com: device model, OS version, network type (2 requests)\n"
                + "  The device's profile went to Meta: device model (1 request)\n");
    }

    @Test
    void jsonKeepsEveryProfileFindingAndAddsTheSummary() throws Exception {
        StringWriter out = new StringWriter();
        new JsonReport("test").render(result(), out);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("findings")).hasSize(7);
        JsonNode summary = root.get("profile_summary");
        assertThat(summary).hasSize(2);
        assertThat(summary.get(0).get("receiver").asText()).isEqualTo("quickplay.com");
        assertThat(summary.get(0).get("kinds")).extracting(JsonNode::asText)
                .containsExactly("device_model", "os_version", "network_type");
        assertThat(summary.get(0).get("requests").asInt()).isEqualTo(2);
        assertThat(summary.get(1).get("summary").asText()).isEqualTo("The device's profile went to Meta: device model (1 request)");
    }

    @Test
    void withoutProfileFindingsThereIsNoProfileSection() throws Exception {
        AnalysisResult r = result();
        AnalysisResult none = new AnalysisResult(r.inputs(), r.canaries(), r.flows(),
                r.findings().stream().filter(f -> f.kind().equals("email")).toList(), List.of(), List.of(), List.of(),
                List.of());
        StringWriter out = new StringWriter();
        new TextReport().render(none, out);
        assertThat(out.toString()).doesNotContain("profile");
        StringWriter json = new StringWriter();
        new JsonReport("test").render(none, json);
        assertThat(new ObjectMapper().readTree(json.toString()).get("profile_summary")).isEmpty();
    }

    @Test
    void groupsOfTheProfileComeAfterOtherBuiltInGroupsWhateverTheirRequests() {
        List<String> kinds = FindingGroups.of(result().findings()).sorted().stream().map(g -> g.key().kind()).toList();
        assertThat(kinds.get(0)).isEqualTo("email");
        assertThat(kinds.subList(1, kinds.size())).allMatch(k -> !k.equals("email"));
    }
}
