package org.telltale.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.CaptureException;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Message;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;
import org.telltale.testkit.ExchangeBuilder;
import org.telltale.testkit.RecordingSink;

class CaptureImportTest {
    private static final CaptureImport.Capture CAPTURE =
            new CaptureImport.Capture("phone.har", "ab".repeat(32), 1234, "har");

    @TempDir
    Path dir;

    /** Exchanges with every field the model has, bodies of random bytes (seeded), some without a response. */
    private static List<Observation> observations(int n) {
        Random random = new Random(7);
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            ExchangeBuilder b = ExchangeBuilder.post("https://t" + i + ".example/c?i=" + i).origin("entry " + i)
                    .header("Content-Type", "application/octet-stream").header("X-Repeat", "1").header("x-repeat", "2")
                    .body(body).time(i % 3 == 0 ? null : Instant.parse("2024-01-02T03:04:05.123456789Z").plusSeconds(i))
                    .serverIp(i % 2 == 0 ? "192.0.2." + (i % 250) : null);
            if (i % 4 != 0) {
                b.response(200, "text/plain", "ok " + i);
            }
            Exchange e = b.build();
            if (i % 5 == 0) {
                e = new Exchange(e.time(), e.origin(), new Endpoint("device", "10.0.0.2", 5555), e.server(), e.request(),
                        e.response(), List.of(new Message(true, Instant.EPOCH, true, "hi".getBytes(StandardCharsets.UTF_8)),
                        new Message(false, null, false, new byte[] {0, 1, 2})), "com.example.app", true);
            }
            out.add(e);
            if (i % 7 == 0) {
                out.add(new OpaqueConnection(null, "packet " + i, "tls", Endpoint.UNKNOWN,
                        new Endpoint("s.example", "198.51.100.1", 443), "s.example", List.of("h2", "http/1.1"), null,
                        i % 14 == 0 ? "passed through (--passthrough)" : null));
            }
        }
        return out;
    }

    @Test
    void whatIsImportedIsReadBackInOrderFieldForField() throws Exception {
        List<Observation> in = observations(50);
        RecordingSink back = new RecordingSink();
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            try (CaptureImport imp = c.importCapture(CAPTURE, false)) {
                in.forEach(imp::observe);
                imp.diagnostic("entry 3", "no request object; skipped");
                imp.finish();
            }
            StoredCapture stored = c.captures().find(CAPTURE.sha256());
            assertThat(stored.complete()).isTrue();
            assertThat(stored.exchanges()).isEqualTo(50);
            c.captures().read(stored, back);
        }
        assertThat(back.observations).hasSize(in.size());
        for (int i = 0; i < in.size(); i++) {
            assertThat(back.observations.get(i)).usingRecursiveComparison().isEqualTo(in.get(i));
        }
        assertThat(back.diagnostics).containsExactly("entry 3: no request object; skipped");
    }

    @Test
    void importingTheSameContentTwiceAddsNothing() throws Exception {
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            try (CaptureImport imp = c.importCapture(CAPTURE, false)) {
                observations(10).forEach(imp::observe);
                imp.finish();
            }
            assertThat(c.importCapture(new CaptureImport.Capture("renamed.har", CAPTURE.sha256(), 1234, "har"), false))
                    .isNull();
            assertThat(c.captures().list()).hasSize(1).first().extracting(StoredCapture::exchanges).isEqualTo(10L);
        }
    }

    @Test
    void anImportCutShortKeepsWholeBatchesAndIsRedoneNextTime() throws Exception {
        Path file = dir.resolve("a.case");
        try (CaseFile c = CaseFile.openOrCreate(file);
             CaptureImport imp = CaptureImport.begin(c, CAPTURE, new CaptureImport.Batch(4, 1L << 20))) {
            observations(10).stream().filter(Exchange.class::isInstance).forEach(imp::observe);
            // closed without finish: as if killed, the open batch (exchanges 8 and 9) is lost
        }
        try (CaseFile c = CaseFile.open(file)) {
            StoredCapture cut = c.captures().find(CAPTURE.sha256());
            assertThat(cut.complete()).isFalse();
            assertThat(cut.exchanges()).isEqualTo(8);
            RecordingSink back = new RecordingSink();
            c.captures().read(cut, back);
            assertThat(back.exchanges()).extracting(Exchange::origin)
                    .containsExactly("entry 0", "entry 1", "entry 2", "entry 3", "entry 4", "entry 5", "entry 6", "entry 7");
            try (CaptureImport again = c.importCapture(CAPTURE, false)) {
                observations(10).forEach(again::observe);
                again.finish();
            }
            assertThat(c.captures().list()).singleElement().extracting(StoredCapture::exchanges).isEqualTo(10L);
        }
    }

    @Test
    void aReaderStopIsStoredAndReportedAgainOnReading() throws Exception {
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            try (CaptureImport imp = c.importCapture(CAPTURE, false)) {
                observations(3).forEach(imp::observe);
                imp.failed("line 40, column 2", "the file ends in the middle of the HAR");
            }
            RecordingSink back = new RecordingSink();
            assertThatThrownBy(() -> c.captures().read(c.captures().find(CAPTURE.sha256()), back))
                    .isInstanceOf(CaptureException.class).hasMessage("the file ends in the middle of the HAR")
                    .extracting(e -> ((CaptureException) e).place()).isEqualTo("line 40, column 2");
            assertThat(back.exchanges()).hasSize(3);
        }
    }

    @Test
    void tlsSecretsAreKeptOnlyWhenAskedAndThenFlagged() throws Exception {
        String keyLog = "CLIENT_RANDOM 00 11\n";
        try (CaseFile c = CaseFile.openOrCreate(dir.resolve("a.case"))) {
            for (boolean keep : new boolean[] {false, true}) {
                CaptureImport.Capture capture = new CaptureImport.Capture("k" + keep, (keep ? "cd" : "ef").repeat(32), 1, "pcap");
                try (CaptureImport imp = c.importCapture(capture, keep)) {
                    imp.tlsSecrets(keyLog);
                    imp.finish();
                }
                StoredCapture stored = c.captures().find(capture.sha256());
                RecordingSink back = new RecordingSink();
                c.captures().read(stored, back);
                assertThat(stored.tlsSecretsKept()).isEqualTo(keep);
                assertThat(back.secrets).isEqualTo(keep ? List.of(keyLog) : List.of());
            }
        }
    }
}
