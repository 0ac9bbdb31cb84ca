package org.telltale.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.AnalysisSink;
import org.telltale.api.Attribution;
import org.telltale.api.CanaryFile;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.Endpoint;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.FirstSeen;
import org.telltale.api.Flow;
import org.telltale.api.Location;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.Step;
import org.telltale.testkit.ExchangeBuilder;

class RunSinkTest {
    private static final String SHA = "ab".repeat(32);
    private static final Destination TRACKER = new Destination("t.example", "192.0.2.1", 443, new Attribution(
            "example", "Example Inc.", null, "US", "SG", 45102, "ALIBABA", new Attribution.Tracker("Analytics", "Ex"),
            Map.of("organization", "x-ray-2020", "country", "geo-whois")));

    @TempDir
    Path dir;

    /** Everything a run may send to a sink, recorded in order. */
    static final class Recorder implements AnalysisSink {
        final List<String> inputs = new ArrayList<>();
        final List<ExchangeAnalysis> exchanges = new ArrayList<>();
        final List<OpaqueFlow> opaque = new ArrayList<>();
        List<Diagnostic> diagnostics;
        String stopped;

        @Override
        public void begin(List<String> names) {
            inputs.addAll(names);
        }

        @Override
        public void exchange(ExchangeAnalysis a) {
            exchanges.add(a);
        }

        @Override
        public void opaque(OpaqueFlow flow) {
            opaque.add(flow);
        }

        @Override
        public void end(List<Diagnostic> all, String why) {
            diagnostics = all;
            stopped = why;
        }
    }

    private static Flow flow(int i) {
        return new Flow(i, SHA + "/entry " + i, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i), "POST",
                "https://t.example/c?i=" + i, "t.example", "192.0.2.1", 443, i % 2 == 0 ? "incognito" : null,
                "phone.har", "entry " + i, null, false, false);
    }

    /** The canary of the runs whose analyses also hold findings of values learned from other requests. */
    private static final String LEARNED = "query-1";

    private static ExchangeAnalysis analysis(int i, String canary) {
        Flow f = flow(i);
        if (i % 3 != 0) {
            return new ExchangeAnalysis(f, List.of(), List.of(), List.of());
        }
        Finding finding = new Finding(i, f.id(), canary, "search", "purple elephant", "purple+elephant",
                new Location(Location.Kind.BODY, "", 3),
                List.of(new Step("form", "form:q", 1, 2, 17), new Step("base64", "base64", 0, -1, -1)), 4, 19,
                "plain", Confidence.CERTAIN, f.session(), TRACKER);
        List<Finding> findings = new ArrayList<>(List.of(finding));
        if (i % 6 == 0 && LEARNED.equals(canary)) {
            // A value learned from another request: where it was first seen goes into the case and back.
            findings.add(new Finding(i, f.id(), null, "shared_id", "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                    "0f1e2d3c4b5a69788796a5b4c3d2e1f0", new Location(Location.Kind.URL, "", 0),
                    List.of(new Step("url", "url:query", 0, 25, 61), new Step("form", "form:uid", 0, 4, 36)), 0, 32,
                    "plain", Confidence.HIGH, f.session(), TRACKER,
                    new FirstSeen(0, SHA + "/entry 0", "shared_id", "request.url > url:query > form:uid")));
        }
        return new ExchangeAnalysis(f, findings, List.of(new ExpectedMatch(i, f.id(), canary, "ddg.example",
                "ddg.example")), List.of());
    }

    /** The exchanges the flows stand for, as imported. */
    private static void importExchanges(CaseFile c, int flows) throws Exception {
        try (CaptureImport imp = c.importCapture(new CaptureImport.Capture("phone.har", SHA, 1, "har"), false)) {
            for (int i = 0; i < flows; i++) {
                Flow f = flow(i);
                imp.observe(ExchangeBuilder.post(f.url()).origin(f.origin()).time(f.time()).serverIp(f.serverIp())
                        .build());
            }
            imp.finish();
        }
    }

    private static void run(CaseFile c, String canary, int flows) {
        AnalysisSink sink = c.runs().start(new RunInfo("0.1.0", Map.of("decoders", List.of("form", "base64")), null,
                Map.of("asn", "2026-06")));
        sink.begin(List.of("phone.har"));
        for (int i = 0; i < flows; i++) {
            sink.exchange(analysis(i, canary));
        }
        sink.opaque(new OpaqueFlow(new OpaqueConnection(null, "packet 9", "quic", Endpoint.UNKNOWN,
                new Endpoint("q.example", "198.51.100.7", 443), "q.example", List.of("h3"), "app"), null, "phone.har",
                new Destination("q.example", "198.51.100.7", 443, Attribution.NONE)));
        sink.end(List.of(new Diagnostic(null, "phone.har", "entry 3", "gzip: broken", false, 4,
                List.of("entry 3", "entry 9"))), null);
    }

    @Test
    void aStoredRunPlaysBackAsTheAnalysisSentIt() throws Exception {
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            importExchanges(c, 2500);
            run(c, "query-1", 2500);
            Recorder back = new Recorder();
            c.runs().replay(c.runs().latest(), back);
            List<ExchangeAnalysis> sent = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                if (i % 3 == 0) {
                    sent.add(analysis(i, "query-1"));
                }
            }
            assertThat(sent.stream().flatMap(a -> a.findings().stream()).filter(x -> x.firstSeen() != null))
                    .as("the round trip below carries learned findings").hasSize(417);
            assertThat(back.inputs).containsExactly("phone.har");
            assertThat(back.exchanges).usingRecursiveFieldByFieldElementComparator().isEqualTo(sent);
            assertThat(back.opaque).singleElement().extracting(o -> o.connection().alpn()).isEqualTo(List.of("h3"));
            assertThat(back.diagnostics).singleElement().extracting(Diagnostic::places)
                    .isEqualTo(List.of("entry 3", "entry 9"));
            assertThat(c.runs().latest().exchanges()).isEqualTo(2500);
            assertThat(c.runs().latest().findings()).isEqualTo(sent.stream().mapToLong(a -> a.findings().size()).sum());
        }
    }

    @Test
    void learnedFindingsComeBackWithTheirFlowsAfterTheFlowsOwnFindings() throws Exception {
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            importExchanges(c, 10);
            AnalysisSink sink = c.runs().start(new RunInfo("0.1.0", Map.of(), null, Map.of()));
            sink.begin(List.of("phone.har"));
            for (int i = 0; i < 10; i++) {
                sink.exchange(analysis(i, "a"));
            }
            // flow 3 has a finding of its own, flow 7 none: both get the learned one after the pass
            Finding learned3 = learned(3);
            Finding learned7 = learned(7);
            sink.learned(flow(3), List.of(learned3));
            sink.learned(flow(7), List.of(learned7));
            sink.end(List.of(), null);
            Recorder back = new Recorder();
            c.runs().replay(c.runs().latest(), back);
            assertThat(back.exchanges).extracting(a -> a.flow().index()).containsExactly(0, 3, 6, 7, 9);
            assertThat(back.exchanges.get(1).findings()).usingRecursiveFieldByFieldElementComparator()
                    .containsExactly(analysis(3, "a").findings().get(0), learned3);
            assertThat(back.exchanges.get(3).findings()).usingRecursiveFieldByFieldElementComparator()
                    .containsExactly(learned7);
        }
    }

    private static Finding learned(int i) {
        Flow f = flow(i);
        return new Finding(i, f.id(), null, "android_id", "9774d56d682e549c", "cf95dc53f383f9a836fd749f3ef439cd",
                new Location(Location.Kind.BODY, "", 2), List.of(new Step("form", "form:h", 0, 2, 34)), 0, 32, "md5",
                Confidence.HIGH, f.session(), TRACKER, new FirstSeen(1, SHA + "/entry 1", "android_id",
                "request.url > query:android_id"));
    }

    @Test
    void theLatestEndedRunIsShownAndPruningKeepsIt() throws Exception {
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            run(c, "first", 30);
            run(c, "second", 30);
            AnalysisSink killed = c.runs().start(new RunInfo("0.1.0", Map.of(), null, Map.of()));
            killed.begin(List.of("phone.har"));
            StoredRun latest = c.runs().latest();
            RunQueries q = c.runs().queries(latest);
            assertThat(q.count(RunQueries.By.KIND)).containsExactly(Map.entry("search", 10L));
            assertThat(q.count(RunQueries.By.ORGANIZATION)).containsExactly(Map.entry("Example Inc.", 10L));
            assertThat(q.count(RunQueries.By.COUNTRY)).containsExactly(Map.entry("SG", 10L));
            assertThat(q.count(RunQueries.By.SESSION)).containsEntry("incognito", 5L).containsEntry(null, 5L);
            assertThat(q.page(0, 4)).hasSize(4).allMatch(r -> "second".equals(r.canary()));
            assertThat(c.runs().list()).hasSize(3);
            assertThat(c.runs().prune(1)).isEqualTo(1);
            assertThat(c.runs().list()).extracting(StoredRun::id).containsExactly(latest.id(), latest.id() + 1);
        }
    }

    @Test
    void theLastChosenCanaryFileIsTheCases() throws Exception {
        byte[] a = "canaries: []\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "canaries: [] # b\n".getBytes(StandardCharsets.UTF_8);
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            assertThat(c.canarySets().current()).isNull();
            c.canarySets().choose("a.yaml", a, CanaryFile.EMPTY);
            c.canarySets().choose("b.yaml", b, CanaryFile.EMPTY);
            assertThat(c.canarySets().current().content()).isEqualTo(b);
            c.canarySets().choose("a-again.yaml", a, CanaryFile.EMPTY);
            assertThat(c.canarySets().current().content()).isEqualTo(a);
            assertThat(c.canarySets().current().sha256()).isEqualTo(CanarySets.sha256(a));
        }
    }
}
