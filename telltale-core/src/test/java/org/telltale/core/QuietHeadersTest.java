package org.telltale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.AnalysisResult;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.CaptureSink;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Finding;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.Payload;

class QuietHeadersTest {
    private static final byte[] VALUE = "gzip, br".getBytes(StandardCharsets.US_ASCII);

    @Test
    void negotiationHeadersAreQuietInAnyCase() {
        assertThat(QuietHeaders.holds(Payload.root("request.header:Accept-Encoding", VALUE, null, null))).isTrue();
        assertThat(QuietHeaders.holds(Payload.root("request.header:accept", VALUE, null, null))).isTrue();
        assertThat(QuietHeaders.holds(Payload.root("request.header:TE", VALUE, null, null))).isTrue();
        assertThat(QuietHeaders.holds(Payload.root("request.header:Sec-Fetch-Mode", VALUE, null, null))).isTrue();
    }

    @Test
    void headersThatCarryDataAreNotQuiet() {
        assertThat(QuietHeaders.holds(Payload.root("request.header:Referer", VALUE, null, null))).isFalse();
        assertThat(QuietHeaders.holds(Payload.root("request.header:User-Agent", VALUE, null, null))).isFalse();
        assertThat(QuietHeaders.holds(Payload.root("request.header:Accept-Charset-X", VALUE, null, null))).isFalse();
        assertThat(QuietHeaders.holds(Payload.root("request.header:Sec-CH-UA", VALUE, null, null))).isFalse();
        assertThat(QuietHeaders.holds(Payload.root("request.cookie:accept", VALUE, null, null))).isFalse();
        assertThat(QuietHeaders.holds(Payload.root("request.url", VALUE, null, null))).isFalse();
    }

    @Test
    void onlyTheRootOfAQuietHeaderIsQuiet() {
        Payload root = Payload.root("request.header:Accept", VALUE, null, null);
        assertThat(QuietHeaders.holds(root.child("base64", VALUE))).isFalse();
    }

    @Test
    void aCanaryPlantedInAQuietHeaderIsStillFound() {
        Canary planted = new Canary("lang-1", CanaryType.EMAIL, "quiet.canary@example.org", List.of());
        HttpRequest request = new HttpRequest("GET", "https://tracker.example.net/p", "HTTP/1.1",
                List.of(new Header("Accept-Language", "en-GB, quiet.canary@example.org;q=0.5")), new byte[0]);
        Exchange exchange = new Exchange(Instant.parse("2024-05-01T10:00:00Z"), "test", Endpoint.UNKNOWN,
                new Endpoint("tracker.example.net", null, 443), request, null, List.of(), null, false);
        CaptureSource source = new CaptureSource() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public void read(CaptureSink sink) {
                sink.observe(exchange);
            }
        };

        AnalysisResult result = Analysis.withBuiltIns(new CanaryFile(List.of(planted), List.of()),
                DestinationResolver.NONE, org.telltale.api.TrackerHosts.NONE).run(List.of(source));

        assertThat(result.findings()).extracting(Finding::canary, Finding::location)
                .containsExactly(tuple("lang-1", org.telltale.api.Location.parse("request.header:Accept-Language", 1)));
    }
}
