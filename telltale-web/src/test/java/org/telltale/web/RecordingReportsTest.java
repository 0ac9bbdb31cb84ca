package org.telltale.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureSink;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Exchange;
import org.telltale.api.TrackerHosts;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;
import org.telltale.store.CaptureImport;
import org.telltale.store.CaseFile;
import org.telltale.store.RunInfo;
import org.telltale.testkit.ExchangeBuilder;

/**
 * The web view of a case being recorded, over a real case file and a real server: the page and the
 * API follow the case as another connection writes into it, and a page drawn from an older state is
 * told to reload instead of being given the wrong findings by number.
 */
class RecordingReportsTest {
    private static final String EMAIL = "jane.canary.4821@example.org";

    @TempDir
    Path dir;

    /** Records and analyses exchanges into the case as a recorder does: the exchange first, then its run. */
    private static void record(CaseFile writer, CaseFile runs, CanaryFile canaries, int from, int count) throws Exception {
        CaptureImport recording = writer.record("record " + from);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Exchange e = ExchangeBuilder.post("https://t" + i + ".example/collect").origin("connection " + i + " request 1")
                    .header("Content-Type", "application/x-www-form-urlencoded").body("email=" + EMAIL).build();
            recording.observe(e);
            exchanges.add(e);
        }
        recording.finish();
        recording.close();
        CaptureSource source = new CaptureSource() {
            @Override
            public String name() {
                return "record " + from;
            }

            @Override
            public String sha256() {
                return recording.sha256();
            }

            @Override
            public void read(CaptureSink sink) {
                exchanges.forEach(sink::observe);
            }
        };
        Engine engine = Engine.build(EngineSpec.allComponents(canaries, Map.of()), TrackerHosts.NONE);
        new AnalysisRun(engine, new Attributor(DestinationResolver.NONE), 1).run(List.of(source),
                runs.runs().startLive(new RunInfo("test", Map.of(), null, Map.of())));
    }

    private static HttpResponse<String> get(HttpClient http, URI base, String pathAndQuery, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("X-Telltale-Token", token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void thePageAndTheApiFollowTheCaseAndAStalePageIsToldToReload() throws Exception {
        Path file = dir.resolve("live.case");
        CanaryFile canaries = CanaryFiles.parse(("canaries:\n  - id: my-email\n    type: email\n    value: \"" + EMAIL
                + "\"\n").getBytes(StandardCharsets.UTF_8), "planted.yaml");
        try (CaseFile writer = CaseFile.openOrCreate(file); CaseFile runs = CaseFile.open(file);
             CaseFile reading = CaseFile.open(file)) {
            record(writer, runs, canaries, 1, 1);
            try (WebView view = WebView.start(new RecordingReports(reading, "test", 0), "127.0.0.1", 0)) {
                URI uri = view.uri();
                String token = uri.getQuery().substring("token=".length());
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(page.body()).contains("\"recording_version\":1").contains("\"requests\":1");
                assertThat(get(http, uri, "/api/version", token).body()).isEqualTo("{\"recording_version\":1}");
                assertThat(get(http, uri, "/api/findings?group=0&offset=0&limit=10&recording_version=1", token)
                        .body()).contains(EMAIL).contains("t1.example");

                record(writer, runs, canaries, 2, 2);

                assertThat(get(http, uri, "/api/version", token).body()).isEqualTo("{\"recording_version\":2}");
                HttpResponse<String> stale = get(http, uri, "/api/findings?group=0&offset=0&limit=10&recording_version=1",
                        token);
                assertThat(stale.statusCode()).isEqualTo(409);
                assertThat(stale.body()).doesNotContain(EMAIL);
                HttpResponse<String> fresh = get(http, uri, "/api/findings?group=0&offset=0&limit=10&recording_version=2",
                        token);
                assertThat(fresh.statusCode()).isEqualTo(200);
                assertThat(fresh.body()).contains(EMAIL).doesNotContain("t1.example");
                assertThat(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body())
                        .contains("\"recording_version\":2").contains("t2.example").contains("t3.example")
                        .doesNotContain("t1.example");
            }
        }
    }
}
