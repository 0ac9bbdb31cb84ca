package org.telltale.formats.mitm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;

class MitmReaderTest {
    @Test
    void version018FromPython2ReadsWithNestedAddresses() throws Exception {
        RecordingSink sink = read("dumpfile-018.mitm");

        Exchange exchange = sink.exchanges().get(0);
        assertThat(sink.exchanges()).hasSize(1);
        assertThat(exchange.origin()).isEqualTo("flow 0");
        assertThat(exchange.request().method()).isEqualTo("GET");
        assertThat(exchange.request().url()).isEqualTo("https://www.example.com/");
        assertThat(exchange.request().httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(exchange.request().header("User-Agent")).isEqualTo("curl/7.35.0");
        assertThat(exchange.client()).isEqualTo(new Endpoint(null, "127.0.0.1", 52774));
        assertThat(exchange.server()).isEqualTo(new Endpoint("www.example.com", "93.184.216.34", 443));
        assertThat(exchange.response().status()).isEqualTo(200);
        assertThat(new String(exchange.response().body(), StandardCharsets.UTF_8)).startsWith("<!doctype html>");
        // timestamp_start 1482157523.9086578, to the microsecond
        assertThat(exchange.time()).isEqualTo(Instant.parse("2016-12-19T14:25:23.908658Z"));
        assertThat(sink.diagnostics).isEmpty();
    }

    @Test
    void version11HasPlainAddressesAndIpAddress() throws Exception {
        RecordingSink sink = read("dumpfile-7.mitm");

        assertThat(sink.exchanges()).hasSize(2);
        Exchange first = sink.exchanges().get(0);
        assertThat(first.request().url()).isEqualTo("http://example.com/");
        assertThat(first.client()).isEqualTo(new Endpoint(null, "127.0.0.1", 64276));
        assertThat(first.server()).isEqualTo(new Endpoint("example.com", "93.184.216.34", 80));
        assertThat(sink.diagnostics).isEmpty();
    }

    @Test
    void version20UsesPeernames() throws Exception {
        RecordingSink sink = read("dumpfile-19.mitm");

        Exchange exchange = sink.exchanges().get(0);
        assertThat(exchange.client().ip()).isNotNull();
        assertThat(exchange.server().host()).isNotNull();
        assertThat(exchange.request().url()).startsWith("http");
        assertThat(exchange.response()).isNotNull();
        assertThat(sink.diagnostics).isEmpty();
    }

    @Test
    void oldWebSocketFlowsJoinTheirHandshakeInFileOrder() throws Exception {
        RecordingSink sink = read("dumpfile-7-websocket.mitm");

        // flows: 0 handshake, 1 and 2 messages for it, 3 handshake, 4 messages for it, 5 handshake alone
        assertThat(sink.exchanges()).extracting(Exchange::origin)
                .containsExactly("flow 0", "flow 2", "flow 3", "flow 5");
        Exchange first = sink.exchanges().get(0);
        assertThat(first.request().url()).isEqualTo("http://echo.websocket.org/?encoding=text");
        assertThat(first.messages()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(first.messages().get(0).fromClient()).isTrue();
        assertThat(first.messages().get(0).text()).isTrue();
        assertThat(new String(first.messages().get(0).data(), StandardCharsets.UTF_8))
                .isEqualTo("Rock it with HTML5 WebSocket");
        assertThat(first.messages().get(1).fromClient()).isFalse();
        assertThat(sink.exchanges().get(1).request()).isSameAs(first.request());
        assertThat(sink.exchanges().get(2).messages()).isNotEmpty();
        assertThat(sink.exchanges().get(3).messages()).isEmpty();
        assertThat(sink.diagnostics).containsExactly(
                "flow 2: a second WebSocket flow for the handshake in flow 0; its request is repeated here with these messages");
    }

    @Test
    void newWebSocketMessagesComeFromTheHttpFlow() throws Exception {
        RecordingSink sink = read("websocket.mitm");

        Exchange first = sink.exchanges().get(0);
        assertThat(first.messages()).singleElement().satisfies(m -> {
            assertThat(m.fromClient()).isFalse();
            assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"Unknown api key\"}");
            assertThat(m.time()).isEqualTo(Instant.parse("2023-08-29T13:03:20.336985Z"));
        });
        assertThat(first.server()).isEqualTo(new Endpoint("demo.piesocket.com", "143.244.202.177", 443));
        assertThat(first.client()).isEqualTo(new Endpoint(null, "127.0.0.1", 58246));
    }

    @Test
    void aFlowErrorIsADiagnosticAndTheExchangeIsMarkedIncomplete() throws Exception {
        RecordingSink sink = read("error_log.mitm");

        assertThat(sink.exchanges()).hasSize(2);
        assertThat(sink.exchanges().get(0).incomplete()).isTrue();
        assertThat(sink.exchanges().get(0).response()).isNull();
        assertThat(sink.exchanges().get(1).incomplete()).isFalse();
        assertThat(sink.diagnostics).singleElement().asString()
                .startsWith("flow 0: mitmproxy recorded an error: Multiple exceptions: [Errno 60] Connect call failed");
    }

    @Test
    void tcpFlowsAreSkippedWithADiagnostic() throws Exception {
        RecordingSink sink = read("diff_data.mitm");

        assertThat(sink.exchanges()).extracting(Exchange::origin)
                .containsExactly("flow 0", "flow 1", "flow 2", "flow 3", "flow 6");
        assertThat(sink.diagnostics).containsExactly("flow 4: a tcp flow, not HTTP; skipped",
                "flow 5: a tcp flow, not HTTP; skipped");
    }

    @Test
    void sniffingKnowsFlowFilesFromHar() throws Exception {
        MitmReader reader = new MitmReader();
        Path mitm = resource("dumpfile-19.mitm");
        Path har = resource("websocket.har");

        assertThat(reader.sniff(mitm, java.nio.file.Files.readAllBytes(mitm))).isTrue();
        assertThat(reader.sniff(Path.of("capture.bin"), java.nio.file.Files.readAllBytes(mitm))).isTrue();
        assertThat(reader.sniff(har, java.nio.file.Files.readAllBytes(har))).isFalse();
        assertThat(reader.sniff(Path.of("x.mitm"), "12:hello".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    static RecordingSink read(String name) throws Exception {
        RecordingSink sink = new RecordingSink();
        new MitmReader().read(resource(name), sink);
        return sink;
    }

    static Path resource(String name) throws Exception {
        return Path.of(MitmReaderTest.class.getResource("/mitm/" + name).toURI());
    }
}
