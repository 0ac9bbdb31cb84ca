package org.telltale.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Endpoint;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.Session;
import org.telltale.testkit.ExchangeBuilder;
import org.telltale.testkit.RecordingSink;

/** A recording is read by other connections (the web view, a report, session marks) while it is written. */
class RecordingTest {
    @TempDir
    Path dir;

    @Test
    void everyObservationOfARecordingIsVisibleToAnotherConnectionAsSoonAsItIsObserved() throws Exception {
        Path file = dir.resolve("live.case");
        try (CaseFile writer = CaseFile.openOrCreate(file); CaseFile reader = CaseFile.open(file)) {
            CaptureImport recording = writer.record("record 2026-11-29T18:00:00Z");
            StoredCapture row = reader.captures().list().get(0);
            assertThat(row.recording()).isTrue();
            assertThat(row.complete()).isFalse();
            assertThat(row.analysable()).as("a recording is analysed even before it stops").isTrue();
            assertThat(row.sha256()).matches("[0-9a-f]{64}");

            recording.observe(ExchangeBuilder.get("https://a.example/1").origin("connection 1 request 1").build());
            assertThat(reader.captures().list().get(0).exchanges()).isEqualTo(1);
            recording.observe(new OpaqueConnection(null, "connection 2", "tls", Endpoint.UNKNOWN,
                    new Endpoint("pinned.example", "127.0.0.1", 443), "pinned.example", List.of("h2"), null,
                    "the client refused Telltale's certificate (unknown_ca)"));
            recording.diagnostic("client 10.0.0.9:5555", "refused, not in --allow");
            RecordingSink seen = new RecordingSink();
            reader.captures().read(reader.captures().list().get(0), seen);
            assertThat(seen.observations).hasSize(2);
            assertThat(((OpaqueConnection) seen.observations.get(1)).reason()).contains("unknown_ca");
            assertThat(seen.diagnostics).containsExactly("client 10.0.0.9:5555: refused, not in --allow");

            recording.finish();
            recording.close();
            assertThat(reader.captures().list().get(0).complete()).isTrue();
        }
    }

    @Test
    void aLiveRunCommitsEachExchangeAndOpaqueConnectionWhileAnOrdinaryRunWaitsForItsBatch() throws Exception {
        Path file = dir.resolve("runs.case");
        try (CaseFile writer = CaseFile.openOrCreate(file); CaseFile reader = CaseFile.open(file)) {
            RunInfo info = new RunInfo("test", Map.of(), null, Map.of());
            RunSink live = writer.runs().startLive(info);
            live.begin(List.of("record"));
            live.exchange(new ExchangeAnalysis(flow(0), List.of(), List.of(), List.of()));
            live.opaque(new OpaqueFlow(new OpaqueConnection(null, "connection 2", "tls", Endpoint.UNKNOWN,
                    Endpoint.UNKNOWN, "x.example", List.of(), null, "passed through (--passthrough)"), null, "record", null));
            assertThat(reader.runs().newest().exchanges()).isEqualTo(1);
            assertThat(reader.runs().latest()).as("not finished, so not what reports show").isNull();
            live.end(List.of(), null);
            assertThat(reader.runs().latest().id()).isEqualTo(live.runId());
        }
        try (CaseFile writer = CaseFile.openOrCreate(dir.resolve("batch.case"));
             CaseFile reader = CaseFile.open(dir.resolve("batch.case"))) {
            RunSink batch = writer.runs().start(new RunInfo("test", Map.of(), null, Map.of()));
            batch.begin(List.of("a.har"));
            batch.exchange(new ExchangeAnalysis(flow(0), List.of(), List.of(), List.of()));
            assertThat(reader.runs().newest().exchanges()).as("committed at the batch's end").isZero();
            batch.end(List.of(), null);
            assertThat(reader.runs().newest().exchanges()).isEqualTo(1);
        }
    }

    private static Flow flow(int i) {
        return new Flow(i, "id/connection " + i, null, "GET", "https://a.example/", "a.example", null, 443, null,
                "record", "connection " + i, null, false, false);
    }

    @Test
    void sessionsMarkedFromTwoConnectionsAreOneListAndStartingOneClosesTheOpenOne() throws Exception {
        Path file = dir.resolve("marks.case");
        Instant t0 = Instant.parse("2026-11-29T18:00:00Z");
        try (CaseFile console = CaseFile.openOrCreate(file); CaseFile command = CaseFile.open(file)) {
            assertThat(console.markedSessions().current()).isNull();
            assertThat(command.markedSessions().stop(t0)).as("nothing open").isNull();
            console.markedSessions().start("incognito", t0);
            assertThat(command.markedSessions().current()).isEqualTo("incognito");
            assertThat(command.markedSessions().list())
                    .containsExactly(new Session("incognito", t0, MarkedSessions.OPEN_END));
            command.markedSessions().start("logged out", t0.plusSeconds(60));
            assertThat(console.markedSessions().stop(t0.plusSeconds(90))).isEqualTo("logged out");
            assertThat(console.markedSessions().list()).containsExactly(
                    new Session("incognito", t0, t0.plusSeconds(60)),
                    new Session("logged out", t0.plusSeconds(60), t0.plusSeconds(90)));
            assertThat(console.markedSessions().current()).isNull();
        }
    }
    @Test
    void aRecordingWritesAfterAnotherConnectionHasWrittenSinceItBegan() throws Exception {
        Path file = dir.resolve("two.case");
        try (CaseFile recorder = CaseFile.openOrCreate(file); CaseFile runs = CaseFile.open(file)) {
            CaptureImport recording = recorder.record("record");
            RunSink live = runs.runs().startLive(new RunInfo("test", Map.of(), null, Map.of()));
            live.begin(List.of("record")); // the run's own connection writes first, as a recorder's does
            recording.diagnostic("client 10.0.0.9:5555", "refused, not in --allow");
            recording.observe(ExchangeBuilder.get("https://a.example/1").origin("connection 1 request 1").build());
            recording.finish();
            recording.close();
            live.end(List.of(), null);
            assertThat(runs.captures().list().get(0).exchanges()).isEqualTo(1);
        }
    }
}
