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
import org.telltale.api.Diagnostic;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Location;
import org.telltale.api.Step;
import org.telltale.api.TlsKeyLog;

/** The JSON result keeps the field names the README documents. */
class JsonReportTest {
    private static JsonNode render(AnalysisResult r) throws Exception {
        StringWriter out = new StringWriter();
        new JsonReport("9.9").render(r, out);
        return new ObjectMapper().readTree(out.toString());
    }

    private static AnalysisResult oneLeak() {
        Instant t = Instant.parse("2020-04-21T09:13:05.123Z");
        Attribution a = new Attribution("miui.com", "Xiaomi", null, "CN", "SG", 45102, "Alibaba", 
                new Attribution.Tracker("Analytics", "Xiaomi analytics"), Map.of("asn", "ip-location-db asn", "asOrg", "ip-location-db asn"));
        Destination d = new Destination("tracking.intl.miui.com", "161.117.13.29", 443, a);
        return new AnalysisResult(List.of("capture.har"), CanaryFile.EMPTY,
                List.of(new Flow(0, "ab12/entry 0", t, "POST", "https://tracking.intl.miui.com/sa",
                        "tracking.intl.miui.com", "161.117.13.29", 443, "incognito", "capture.har", "entry 0", null, false,
                        false)),
                List.of(new Finding(0, "ab12/entry 0", "query-1", "search", "purple elephant 4921",
                        "purple elephant 4921", new Location(Location.Kind.BODY, "", 3),
                        List.of(new Step("form", "form:data_list", 0, 5, 60), new Step("base64", "base64", 0, 0, 55),
                                new Step("gzip", "gzip", 0, -1, -1), new Step("json", "json:$[0].properties.q", 2, 30, 52)),
                        1, 21, "plain", Confidence.CERTAIN, "incognito", d)),
                List.of(new ExpectedMatch(0, "ab12/entry 0", "visit-1", "example.org", "example.org")), List.of(),
                List.of(new Diagnostic(0, "capture.har", "entry 0", "gzip failed", false)),
                List.of(new TlsKeyLog("capture.har", "# comment\nCLIENT_RANDOM 52a1 9f0e\nCLIENT_RANDOM 77b2 0c11\n")));
    }

    @Test
    void aFindingCarriesItsFlowCanaryPathTransformSessionAndDestination() throws Exception {
        JsonNode f = render(oneLeak()).get("findings").get(0);
        assertThat(f.get("flow").asInt()).isZero();
        assertThat(f.get("canary").asText()).isEqualTo("query-1");
        assertThat(f.get("kind").asText()).isEqualTo("search");
        assertThat(f.get("location").asText()).isEqualTo("request.body");
        assertThat(f.get("path").toString())
                .isEqualTo("[\"form:data_list\",\"base64\",\"gzip\",\"json:$[0].properties.q\"]");
        assertThat(f.get("flow_id").asText()).isEqualTo("ab12/entry 0");
        assertThat(f.get("location_index").asInt()).isEqualTo(3);
        assertThat(f.get("steps").get(3).toString())
                .isEqualTo("{\"decoder\":\"json\",\"label\":\"json:$[0].properties.q\",\"index\":2,\"start\":30,\"end\":52}");
        assertThat(f.get("steps").get(2).get("start").isNull()).isTrue();
        assertThat(f.get("start").asInt()).isEqualTo(1);
        assertThat(f.get("end").asInt()).isEqualTo(21);
        assertThat(f.get("provenance").asText())
                .isEqualTo("request.body > form:data_list > base64 > gzip > json:$[0].properties.q");
        assertThat(f.get("transform").asText()).isEqualTo("plain");
        assertThat(f.get("session").asText()).isEqualTo("incognito");
        JsonNode d = f.get("destination");
        assertThat(d.get("host").asText()).isEqualTo("tracking.intl.miui.com");
        assertThat(d.get("ip").asText()).isEqualTo("161.117.13.29");
        assertThat(d.get("port").asInt()).isEqualTo(443);
        assertThat(d.get("asn").asLong()).isEqualTo(45102);
        assertThat(d.get("country").asText()).isEqualTo("SG");
        assertThat(d.get("organization_country").asText()).isEqualTo("CN");
        assertThat(d.get("tracker").get("category").asText()).isEqualTo("Analytics");
        assertThat(d.get("sources").get("asn").asText()).isEqualTo("ip-location-db asn");
        assertThat(d.get("sources").get("as_org").asText()).isEqualTo("ip-location-db asn");
    }

    @Test
    void theTopLevelFieldsAreTheDocumentedOnes() throws Exception {
        JsonNode root = render(oneLeak());
        assertThat(root.fieldNames()).toIterable()
                .containsExactly("tool", "inputs", "flows", "findings", "expected", "opaque", "destinations",
                        "profile_summary", "diagnostics", "tls_key_logs", "stopped");
        assertThat(root.get("destinations")).hasSize(1);
        assertThat(root.get("destinations").get(0).get("host").asText()).isEqualTo("tracking.intl.miui.com");
        assertThat(root.get("findings").get(0).get("destination_id").asInt()).isZero();
        assertThat(root.get("flows").get(0).get("id").asText()).isEqualTo("ab12/entry 0");
        assertThat(root.get("tls_key_logs").get(0).get("secrets").asInt()).isEqualTo(2);
        assertThat(root.get("tool").get("version").asText()).isEqualTo("9.9");
        JsonNode flow = root.get("flows").get(0);
        assertThat(flow.get("time").asText()).isEqualTo("2020-04-21T09:13:05.123Z");
        assertThat(flow.get("server_ip").asText()).isEqualTo("161.117.13.29");
        assertThat(root.get("expected").get(0).get("canary").asText()).isEqualTo("visit-1");
        assertThat(root.get("diagnostics").get(0).get("message").asText()).isEqualTo("gzip failed");
    }

    @Test
    void anUnknownAsnIsNullNotZero() throws Exception {
        AnalysisResult r = oneLeak();
        Finding f = r.findings().get(0);
        Finding bare = new Finding(0, "ab12/entry 0", null, "email", "a@b.example", "a@b.example",
                new Location(Location.Kind.URL, "", 0), List.of(), 0, 11, "plain", Confidence.HIGH, null,
                new Destination("x.example", null, 0, Attribution.NONE));
        JsonNode root = render(new AnalysisResult(r.inputs(), r.canaries(), r.flows(), List.of(f, bare), List.of(),
                List.of(), List.of(), List.of()));
        JsonNode d = root.get("findings").get(1).get("destination");
        assertThat(d.get("asn").isNull()).isTrue();
        assertThat(d.get("tracker").isNull()).isTrue();
        assertThat(root.get("findings").get(1).get("canary").isNull()).isTrue();
    }
}
