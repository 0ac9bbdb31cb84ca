package org.telltale.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.telltale.api.AnalysisResult;
import org.telltale.api.Attribution;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Header;
import org.telltale.api.Location;
import org.telltale.api.Step;

class ReportJsonTest {
    private static final Instant T = Instant.parse("2020-04-21T09:12:00Z");
    private static final String HOSTILE = "</script><script>alert(1)</script><!-- & \u2028\u2029 \u202E";
    private static final Destination MIUI = new Destination("tracking.intl.miui.com", "161.117.13.29", 443,
            new Attribution("miui.com", "Xiaomi", null, "CN", "SG", 45102, "Alibaba", null, Map.of()));
    private static final Destination RU = new Destination("tracking.rus.miui.com", "185.218.176.10", 443,
            new Attribution("miui.com", "Xiaomi", null, "CN", "RU", 45102, "Alibaba", null, Map.of()));
    private static final Destination AD = new Destination("cdn.adnetwork.example", null, 443, Attribution.NONE);

    private static Finding finding(int flow, String canary, String value, Destination d, String session, int depth) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            steps.add(new Step("base64", "base64", 0, -1, -1));
        }
        return new Finding(flow, "c0ffee/entry " + flow, canary, "search", value, value,
                new Location(Location.Kind.BODY, "", 0), steps, 0, value.length(), "plain", Confidence.CERTAIN, session, d);
    }

    private static Flow flow(int i) {
        return new Flow(i, "c0ffee/entry " + i, T.plusSeconds(i), "POST", "https://x.example/" + i, "x.example", null, 443,
                null, "c.har", "entry " + i, null, false, false);
    }

    private static JsonNode write(List<Finding> findings, EvidenceSource evidence) throws Exception {
        CanaryFile canaries = new CanaryFile(List.of(new Canary(HOSTILE, CanaryType.SEARCH, "purple elephant", List.of())),
                List.of());
        List<Flow> flows = findings.stream().map(f -> flow(f.flow())).distinct().toList();
        AnalysisResult r = new AnalysisResult(List.of("c.har"), canaries, flows, findings, List.of(), List.of(), List.of(),
                List.of(), 20);
        Timeline.Builder t = new Timeline.Builder();
        for (int i = 0; i < 20; i++) {
            t.add(T.plusSeconds(i), i % 3 == 0);
        }
        ReportData data = new ReportData(HOSTILE, new Provenance("1", T.toString(), null, null, null, null, null, Map.of(),
                List.of()), r, t.build(), evidence);
        ReportIndex index = new ReportIndex(data);
        ObjectNode all = new ObjectMapper().createObjectNode();
        for (int part = 0; part < 3; part++) {
            StringWriter out = new StringWriter();
            JsonGenerator g = ReportJson.generator(out);
            switch (part) {
                case 0 -> ReportJson.summary(index, g, true);
                case 1 -> ReportJson.findings(index, g);
                default -> ReportJson.evidence(index, g);
            }
            g.flush();
            String json = out.toString();
            assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028")
                    .doesNotContain("\u2029");
            all.setAll((ObjectNode) new ObjectMapper().readTree(json));
        }
        return all;
    }

    @Test
    void capturedTextCannotCloseTheScriptElementAndReadsBackUnchanged() throws Exception {
        JsonNode data = write(List.of(finding(1, HOSTILE, HOSTILE, MIUI, null, 0)), EvidenceSource.NONE);
        assertThat(data.get("name").asText()).isEqualTo(HOSTILE);
        assertThat(data.get("groups").get(0).get("canary").asText()).isEqualTo(HOSTILE);
        assertThat(data.get("findings").get(0).get("finding").get("value").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void findingsFoldByKindValueAndReceiverWithEveryRequestBehindTheirGroup() throws Exception {
        List<Finding> findings = List.of(
                finding(1, "a", "purple elephant", MIUI, null, 0),
                finding(2, "a", "purple elephant", RU, "incognito", 0),
                finding(2, "a", "purple elephant", RU, "incognito", 1),
                finding(3, "a", "purple elephant", AD, null, 0),
                finding(4, null, "weather", MIUI, null, 0));
        JsonNode data = write(findings, EvidenceSource.NONE);
        JsonNode groups = data.get("groups");
        assertThat(groups).hasSize(3);
        JsonNode xiaomi = groups.get(0);
        assertThat(xiaomi.get("receiver").asText()).isEqualTo("Xiaomi");
        assertThat(xiaomi.get("requests").asInt()).isEqualTo(2);
        assertThat(xiaomi.get("findings").asInt()).isEqualTo(3);
        assertThat(xiaomi.get("countries")).extracting(JsonNode::asText).containsExactly("RU", "SG");
        assertThat(xiaomi.get("country_requests").get("RU").asInt()).isEqualTo(1);
        assertThat(xiaomi.get("sessions").get("incognito").asInt()).isEqualTo(1);
        assertThat(groups.get(1).get("receiver").asText()).isEqualTo("cdn.adnetwork.example");
        assertThat(groups.get(2).get("canary").isNull()).isTrue();
        // Every finding is listed once, behind its group's first_finding and count.
        int listed = 0;
        for (JsonNode g : groups) {
            for (int i = 0; i < g.get("findings").asInt(); i++) {
                JsonNode f = data.get("findings").get(g.get("first_finding").asInt() + i);
                assertThat(f.get("finding").get("value").asText()).isEqualTo(g.get("value").asText());
                listed++;
            }
        }
        assertThat(listed).isEqualTo(findings.size()).isEqualTo(data.get("findings").size());
        assertThat(data.get("totals").get("requests_with_findings").asInt()).isEqualTo(4);
    }

    @Test
    void eachRequestAndLayerIsWrittenOnceHoweverManyFindingsShareIt() throws Exception {
        byte[] body = "data=cHVycGxl".getBytes();
        Evidence.Request request = new Evidence.Request("POST", "https://x.example/", "HTTP/1.1",
                List.of(new Header("Host", "x.example")), body);
        EvidenceSource evidence = f -> {
            List<Evidence.Layer> layers = new ArrayList<>();
            layers.add(new Evidence.Layer(null, "request.body", -1, -1, body));
            for (Step s : f.steps()) {
                layers.add(new Evidence.Layer(s.decoder(), s.label(), s.start(), s.end(), "purple".getBytes()));
            }
            return new Evidence(request, layers, null);
        };
        List<Finding> findings = List.of(finding(1, "a", "purple", MIUI, null, 1), finding(1, null, "purple", MIUI, null, 1),
                finding(2, "a", "purple", MIUI, null, 0));
        JsonNode data = write(findings, evidence);
        assertThat(data.get("requests").size()).isEqualTo(2);
        // flow 1: the root and one base64 layer, shared by two findings; flow 2: its root.
        assertThat(data.get("layers")).hasSize(3);
        assertThat(data.get("evidence")).hasSize(3);
        for (JsonNode e : data.get("evidence")) {
            for (JsonNode id : e.get("layers")) {
                assertThat(id.asInt()).isBetween(0, 2);
            }
        }
        assertThat(data.get("layers").get(0).get("data").get("base64").asText())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(body));
        assertThat(data.get("layers").get(0).get("data").get("text").asBoolean()).isTrue();
    }

    @Test
    void bytesAreTextOnlyWhenTheyAreUtf8WithoutControlCharacters() {
        assertThat(ReportJson.isText("plain\ttext\r\n".getBytes())).isTrue();
        assertThat(ReportJson.isText("gr\u00fc\u00df".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(ReportJson.isText(new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0})).isFalse();
        assertThat(ReportJson.isText(new byte[] {'a', 0, 'b'})).isFalse();
        assertThat(ReportJson.isText(new byte[] {'a', (byte) 0xc3})).isFalse();
    }

    @Test
    void theTimelineCountsEveryRequestOnceAndMarksThoseWithFindings() {
        Timeline.Builder b = new Timeline.Builder();
        int withFindings = 0;
        for (int i = 0; i < 1000; i++) {
            boolean f = i % 7 == 0;
            withFindings += f ? 1 : 0;
            b.add(T.plusMillis(i * 37L), f);
        }
        b.add(null, true);
        Timeline t = b.build();
        assertThat(t.bins()).hasSize(Timeline.BINS);
        assertThat(t.bins().stream().mapToLong(Timeline.Bin::requests).sum()).isEqualTo(1000);
        assertThat(t.bins().stream().mapToLong(Timeline.Bin::withFindings).sum()).isEqualTo(withFindings);
        assertThat(t.untimed()).isEqualTo(1);
        assertThat(t.start()).isEqualTo(T);
        assertThat(t.end()).isEqualTo(T.plusMillis(999 * 37L));
        assertThat(t.bins().get(0).requests()).isPositive();
        assertThat(t.bins().get(Timeline.BINS - 1).requests()).isPositive();
    }
}
