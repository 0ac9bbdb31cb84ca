package org.telltale.formats.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telltale.formats.har.HarReaderOracleTest.read;
import static org.telltale.formats.har.HarReaderOracleTest.resource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.CaptureException;
import org.telltale.api.Exchange;
import org.telltale.api.Message;

class HarReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void wholePageLoadsComeOutEntryByEntryInFileOrder() throws Exception {
        List<Exchange> nytimes = read("www.nytimes.com.har").exchanges();
        List<Exchange> expressen = read("expressen.har").exchanges();

        assertThat(nytimes).hasSize(328);
        assertThat(expressen).hasSize(607);
        assertThat(expressen).extracting(Exchange::origin).startsWith("entry 0", "entry 1").endsWith("entry 606");
        JsonNode entries = JSON.readTree(resource("expressen.har").toFile()).get("log").get("entries");
        for (int i = 0; i < expressen.size(); i++) {
            assertThat(expressen.get(i).request().url()).isEqualTo(entries.get(i).get("request").get("url").asText());
        }
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        byte[] bytes = Files.readAllBytes(resource("with-bom.har"));
        assertThat(bytes[0] & 0xff).isEqualTo(0xef);

        List<Exchange> exchanges = read("with-bom.har").exchanges();

        assertThat(exchanges).singleElement().satisfies(e -> {
            assertThat(e.request().method()).isEqualTo("POST");
            assertThat(e.request().url()).isEqualTo("https://signal-metrics-collector-beta.s-onetag.com/metrics");
        });
        assertThat(new HarReader().sniff(resource("with-bom.har"), bytes)).isTrue();
    }

    @Test
    void http2PseudoHeadersAreDroppedAndTheVersionIsNamedHttp2() throws Exception {
        Exchange first = read("chrome.har").exchanges().get(0);

        assertThat(first.request().headers()).noneMatch(h -> h.name().startsWith(":"));
        assertThat(first.request().header("user-agent")).contains("Chrome/110");
        assertThat(first.request().httpVersion()).isEqualTo("HTTP/2");
    }

    @Test
    void timeWithOffsetAndServerAddressAreRead() throws Exception {
        Exchange charles = read("charles.har").exchanges().get(0);

        // startedDateTime is "2023-03-29T17:37:42.482-07:00"
        assertThat(charles.time()).isEqualTo(Instant.parse("2023-03-30T00:37:42.482Z"));
        assertThat(charles.server().ip()).isEqualTo("13.35.121.50");
        assertThat(charles.server().port()).isEqualTo(443);
        assertThat(charles.server().host()).isEqualTo("mitmproxy.org");
    }

    @Test
    void postDataTextIsTheRequestBody() throws Exception {
        Exchange post = read("postdata.har").exchanges().get(0);

        assertThat(new String(post.request().body(), StandardCharsets.UTF_8)).startsWith("{").contains("\"");
        assertThat(post.request().body()).hasSize(1310);
    }

    @Test
    void cookiesWithoutCookieHeaderBecomeOneCookieHeader() throws Exception {
        ObjectNode har = (ObjectNode) JSON.readTree(resource("chrome.har").toFile());
        ObjectNode request = (ObjectNode) har.at("/log/entries/2/request");
        ArrayNode headers = (ArrayNode) request.get("headers");
        String original = null;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).get("name").asText().equals("cookie")) {
                original = headers.get(i).get("value").asText();
                headers.remove(i);
                break;
            }
        }
        assertThat(original).isNotNull();

        Exchange exchange = readTree(har).exchanges().get(2);

        assertThat(exchange.request().header("Cookie")).isEqualTo(original);
        assertThat(request.get("cookies")).hasSize(21);
    }

    @Test
    void formParamsAreRebuiltWhenTheTextIsMissing() throws Exception {
        ObjectNode har = (ObjectNode) JSON.readTree(resource("insomnia.har").toFile());
        ObjectNode postData = (ObjectNode) har.at("/log/entries/0/request/postData");
        postData.remove("text");
        ArrayNode params = postData.putArray("params");
        params.addObject().put("name", "q").put("value", "purple elephant 4921");
        params.addObject().put("name", "next").put("value", "https://example.org/a?b=c&d");

        Exchange exchange = readTree(har).exchanges().get(0);

        assertThat(new String(exchange.request().body(), StandardCharsets.US_ASCII))
                .isEqualTo("q=purple+elephant+4921&next=https%3A%2F%2Fexample.org%2Fa%3Fb%3Dc%26d");
    }

    @Test
    void base64PostDataIsDecodedAndBracketedIpv6ServerAddressIsUnwrapped() throws Exception {
        ObjectNode har = (ObjectNode) JSON.readTree(resource("postdata.har").toFile());
        ObjectNode entry = (ObjectNode) har.at("/log/entries/0");
        ((ObjectNode) entry.at("/request/postData")).put("text", "H4sIAAAAAAAA").put("encoding", "base64");
        entry.put("serverIPAddress", "[2a00:1450:4001:82b::2004]");

        Exchange exchange = readTree(har).exchanges().get(0);

        assertThat(exchange.request().body()).startsWith((byte) 0x1f, (byte) 0x8b, (byte) 0x08);
        assertThat(exchange.server().ip()).isEqualTo("2a00:1450:4001:82b::2004");
    }

    @Test
    void chromeWebSocketMessagesBecomeMessagesWithTheirDirection() throws Exception {
        RecordingSink sink = new RecordingSink();
        new HarReader().read(Path.of(HarReaderTest.class.getResource("/mitm/websocket.har").toURI()), sink);

        Exchange first = sink.exchanges().get(0);

        assertThat(first.messages()).singleElement().satisfies(m -> {
            assertThat(m.fromClient()).isFalse();
            assertThat(m.text()).isTrue();
            assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"Unknown api key\"}");
            assertThat(m.time()).isEqualTo(Instant.parse("2023-08-29T13:03:20.336985Z"));
        });
        List<Message> all = sink.exchanges().stream().flatMap(e -> e.messages().stream()).toList();
        assertThat(all).anyMatch(Message::fromClient);
    }

    @Test
    void anEntryWithoutRequestIsADiagnosticAndTheOthersAreRead() throws Exception {
        ObjectNode har = (ObjectNode) JSON.readTree(resource("firefox.har").toFile());
        ((ObjectNode) har.at("/log/entries/3")).remove("request");
        ((ObjectNode) har.at("/log/entries/5")).remove("response");

        RecordingSink sink = readTree(har);

        assertThat(sink.exchanges()).hasSize(13);
        assertThat(sink.exchanges()).extracting(Exchange::origin).doesNotContain("entry 3").contains("entry 4");
        assertThat(sink.exchanges().get(4).response()).isNull();
        assertThat(sink.diagnostics).containsExactly("entry 3: no request object; skipped",
                "entry 5: no response object");
    }

    @Test
    void anEntryOverTheSizeBoundIsSkippedAndTheNextOneRead() throws Exception {
        RecordingSink sink = new RecordingSink();
        new HarReader(30_000).read(resource("chrome.har"), sink);

        // In chrome.har entry 0 spans about 37 kB (a base64 page), entries 1 and 2 about 3 and 25 kB.
        assertThat(sink.exchanges()).extracting(Exchange::origin).containsExactly("entry 1", "entry 2");
        assertThat(sink.diagnostics).containsExactly("entry 0: larger than 30000 bytes; skipped");
    }

    @Test
    void aTruncatedFileGivesEveryWholeEntryThenTheLineAndColumnWhereItBroke() throws Exception {
        List<String> lines = Files.readAllLines(resource("chrome.har"));
        Path cut = dir.resolve("cut.har");
        // Line 300 lies inside entry 2, which starts on line 284.
        Files.write(cut, lines.subList(0, 300));
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> new HarReader().read(cut, sink))
                .isInstanceOf(CaptureException.class)
                .satisfies(e -> assertThat(((CaptureException) e).place()).startsWith("line 301, column"));
        assertThat(sink.exchanges()).extracting(Exchange::origin).containsExactly("entry 0", "entry 1");
    }

    @Test
    void brokenJsonBetweenEntriesNamesItsLineAndColumn() throws Exception {
        String text = Files.readString(resource("insomnia.har"));
        Path broken = dir.resolve("broken.har");
        Files.writeString(broken, text.replaceFirst("\"entries\": \\[", "\"entries\": [ ] ,, ["));

        assertThatThrownBy(() -> new HarReader().read(broken, new RecordingSink()))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("broken JSON")
                .satisfies(e -> assertThat(((CaptureException) e).place()).matches("line \\d+, column \\d+"));
    }

    @Test
    void aFileThatIsNotHarFailsAtOnce() throws Exception {
        Path mitm = Path.of(HarReaderTest.class.getResource("/mitm/dumpfile-7.mitm").toURI());
        Path array = dir.resolve("array.json");
        Files.writeString(array, "[{\"log\": {}}]");
        Path noEntries = dir.resolve("no-entries.har");
        Files.writeString(noEntries, "{\"log\": {\"version\": \"1.2\", \"pages\": []}}");
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> new HarReader().read(mitm, sink)).isInstanceOf(CaptureException.class)
                .satisfies(e -> assertThat(((CaptureException) e).place()).isEqualTo("line 1, column 5")); // after the length "3408"
        assertThatThrownBy(() -> new HarReader().read(array, sink)).isInstanceOf(CaptureException.class)
                .hasMessage("not a HAR file: a HAR file is a JSON object, found [");
        assertThatThrownBy(() -> new HarReader().read(noEntries, sink)).isInstanceOf(CaptureException.class)
                .hasMessage("not a HAR file: the \"log\" object has no \"entries\" array");
        assertThat(sink.observations).isEmpty();
    }

    @Test
    void sniffingKnowsHarFromOtherCaptures() throws Exception {
        HarReader reader = new HarReader();
        Path har = resource("firefox.har");
        Path mitm = Path.of(HarReaderTest.class.getResource("/mitm/dumpfile-7.mitm").toURI());
        Path renamed = dir.resolve("capture.json");
        Files.copy(har, renamed);

        assertThat(reader.sniff(har, head(har))).isTrue();
        assertThat(reader.sniff(renamed, head(renamed))).isTrue();
        assertThat(reader.sniff(mitm, head(mitm))).isFalse();
        assertThat(reader.sniff(dir.resolve("x.har"), "{\"foo\": 1}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(reader.sniff(dir.resolve("x.json"), "{\"foo\": 1}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private RecordingSink readTree(JsonNode har) throws Exception {
        Path file = dir.resolve("edited.har");
        JSON.writeValue(file.toFile(), har);
        RecordingSink sink = new RecordingSink();
        new HarReader().read(file, sink);
        return sink;
    }

    private static byte[] head(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOf(all, Math.min(all.length, 65536));
    }
}
