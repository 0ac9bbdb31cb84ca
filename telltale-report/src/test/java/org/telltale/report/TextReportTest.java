package org.telltale.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.api.AnalysisResult;
import org.telltale.api.Attribution;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Endpoint;
import org.telltale.api.Finding;
import org.telltale.api.FirstSeen;
import org.telltale.api.Flow;
import org.telltale.api.Location;
import org.telltale.api.Step;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.Session;

class TextReportTest {
    private static final Instant T = Instant.parse("2020-04-21T09:12:00Z");
    private static final Destination MIUI = new Destination("tracking.intl.miui.com", "161.117.13.29", 443,
            new Attribution("miui.com", "Xiaomi", null, "CN", "SG", 45102, "Alibaba", null,
                    Map.of("organization", "telltale-vendors 2", "asn", "ip-location-db/asn 2.3")));

    private static String render(AnalysisResult r) throws Exception {
        StringWriter out = new StringWriter();
        new TextReport().render(r, out);
        return out.toString();
    }

    private static Flow flow(int i) {
        return new Flow(i, "c0ffee/entry " + i, T, "POST", "https://tracking.intl.miui.com/t", "tracking.intl.miui.com",
                "161.117.13.29", 443, "incognito", "c.har", "entry " + i, null, false, false);
    }

    private static Finding leak(int flow, String canary, String value) {
        return new Finding(flow, "c0ffee/entry " + flow, canary, "search", value, value,
                new Location(Location.Kind.BODY, "", 5), List.of(new Step("form", "form:q", 0, 2, 2 + value.length())),
                0, value.length(), "plain", Confidence.CERTAIN, "incognito", MIUI);
    }

    @Test
    void theHeadlineCountsValuesRequestsHostsAndTheSession() throws Exception {
        CanaryFile canaries = new CanaryFile(List.of(new Canary("a", CanaryType.SEARCH, "purple elephant", List.of()),
                new Canary("b", CanaryType.SEARCH, "green giraffe", List.of())),
                List.of(new Session("incognito", T.minusSeconds(60), T.plusSeconds(60))));
        AnalysisResult r = new AnalysisResult(List.of("c.har"), canaries, List.of(flow(0), flow(1)),
                List.of(leak(0, "a", "purple elephant"), leak(1, "b", "green giraffe")), List.of(), List.of(),
                List.of(), List.of());
        String text = render(r);
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("2 planted values left this device in 2 requests "
                + "to 1 host; of those requests, 2 were during the incognito session.");
        assertThat(text).contains("Xiaomi (head office CN): 2 values in 2 requests; hosted by AS45102 Alibaba")
                .contains("organization: telltale-vendors 2");
    }

    @Test
    void aCaptureWithOnlyEncryptedConnectionsSaysWhomTheDeviceTalkedTo() throws Exception {
        OpaqueConnection tls = new OpaqueConnection(T, "packet 4", "tls", new Endpoint(null, "10.0.0.2", 50000),
                new Endpoint("www.ntop.org", "2a03:b0c0:3:d0::70:1001", 443), "www.ntop.org", List.of("h2"), null);
        AnalysisResult r = new AnalysisResult(List.of("c.pcap"), CanaryFile.EMPTY, List.of(), List.of(), List.of(),
                List.of(new OpaqueFlow(tls, null, "c.pcap", new Destination("www.ntop.org", "2a03:b0c0:3:d0::70:1001",
                        443, null))), List.of(), List.of());
        String text = render(r);
        assertThat(text).startsWith("No personal data found in 0 requests read; 1 connection could not be read.")
                .contains("1 connection could not be read (encrypted, or not HTTP)")
                .contains("tls www.ntop.org [2a03:b0c0:3:d0::70:1001]");
    }

    @Test
    void capturedTextCannotDriveTheTerminal() throws Exception {
        AnalysisResult r = new AnalysisResult(List.of("c.har"), CanaryFile.EMPTY, List.of(flow(0)),
                List.of(new Finding(0, "c0ffee/entry 0", null, "email", "a\u001b[31m@evil.example", "x",
                        new Location(Location.Kind.URL, "", 0), List.of(), 0, 1, "plain", Confidence.HIGH, null, MIUI)),
                List.of(), List.of(), List.of(), List.of());
        assertThat(render(r)).doesNotContain("\u001b").contains("a\\u001b[31m@evil.example");
    }

    @Test
    void findingsThatSayTheSameThingFoldIntoOneRowWithEveryRequest() throws Exception {
        CanaryFile canaries = new CanaryFile(List.of(new Canary("a", CanaryType.SEARCH, "purple elephant", List.of()),
                new Canary("b", CanaryType.SEARCH, "green giraffe", List.of())), List.of());
        List<Finding> findings = new java.util.ArrayList<>();
        List<Flow> flows = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            flows.add(flow(i));
            findings.add(leak(i, "a", "purple elephant"));
        }
        findings.add(leak(2, "b", "green giraffe"));
        String text = render(new AnalysisResult(List.of("c.har"), canaries, flows, findings, List.of(), List.of(),
                List.of(), List.of()));
        List<String> rows = text.lines().filter(l -> l.startsWith("#")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("#0, #1, #2, #3 +2").contains("a search \"purple elephant\"")
                .contains("Xiaomi: tracking.intl.miui.com (SG)").contains("incognito");
        assertThat(rows.get(1)).startsWith("#2 ").contains("b search \"green giraffe\"");
    }
    @Test
    void anIdSharedWithSeveralCompaniesIsOneRowNamingThemAllAndWhereItWasFirstSeen() throws Exception {
        Destination other = new Destination("sync.adnxs.com", null, 443,
                new Attribution("adnxs.com", "AppNexus", null, null, null, 0, null, null, Map.of()));
        FirstSeen seen = new FirstSeen(0, "c0ffee/entry 0", "shared_id", "request.url > query:uid");
        List<Finding> findings = new java.util.ArrayList<>();
        List<Flow> flows = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            flows.add(flow(i));
            findings.add(new Finding(i, "c0ffee/entry " + i, null, "shared_id", "786792932447527911",
                    "786792932447527911", new Location(Location.Kind.URL, "", 0), List.of(new Step("url", "query:uid",
                    0, 4, 22)), 0, 18, "plain", Confidence.HIGH, null, i == 1 ? other : MIUI, seen));
        }
        // an ordinary finding to two companies stays one row per company
        findings.add(leak(0, null, "purple elephant"));
        findings.add(new Finding(1, "c0ffee/entry 1", null, "search", "purple elephant", "purple elephant",
                new Location(Location.Kind.BODY, "", 5), List.of(), 0, 15, "plain", Confidence.HIGH, null, other));
        String text = render(new AnalysisResult(List.of("c.har"), CanaryFile.EMPTY, flows, findings, List.of(),
                List.of(), List.of(), List.of()));
        List<String> rows = text.lines().filter(l -> l.startsWith("#")).toList();
        assertThat(rows).filteredOn(l -> l.contains("shared_id")).singleElement().satisfies(l -> assertThat(l)
                .startsWith("#0, #1, #2 ").contains("2 organisations: AppNexus, Xiaomi"));
        assertThat(text).contains("first seen in #0 request.url > query:uid");
        assertThat(rows).filteredOn(l -> l.contains("search")).hasSize(2);
    }
}
