package org.telltale.formats.har;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.Exchange;
import org.telltale.api.Header;

/**
 * Every HAR in mitmproxy's test data comes with mitmproxy's own reading of it (the .json twin):
 * the same requests, headers and bodies must come out here. mitmproxy keeps HTTP/2 pseudo-headers
 * and always adds a content-length header; this reader drops the first and does not add the second,
 * so both are left out of the comparison. Both drop the response's Content-Encoding, since HAR bodies
 * are decoded.
 */
class HarReaderOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"charles", "chrome", "firefox", "head-content-length", "insomnia", "postdata", "safari",
            "with-bom"})
    void requestsMatchMitmproxysReadingOfTheSameHar(String name) throws Exception {
        List<Exchange> exchanges = read(name + ".har").exchanges();
        JsonNode oracle = JSON.readTree(resource(name + ".json").toFile());

        assertThat(exchanges).hasSize(oracle.size());
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            JsonNode expected = oracle.get(i).get("request");
            assertThat(exchange.origin()).isEqualTo("entry " + i);
            assertThat(exchange.request().method()).isEqualTo(expected.get("method").asText());
            assertThat(exchange.request().url()).isEqualTo(url(expected));
            assertThat(comparable(exchange.request().headers())).isEqualTo(comparable(expected.get("headers")));
            assertThat(sha256(exchange.request().body())).isEqualTo(expected.get("contentHash").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"charles", "chrome", "firefox", "head-content-length", "insomnia", "postdata", "safari",
            "with-bom"})
    void responsesMatchMitmproxysReadingOfTheSameHar(String name) throws Exception {
        List<Exchange> exchanges = read(name + ".har").exchanges();
        JsonNode oracle = JSON.readTree(resource(name + ".json").toFile());

        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            JsonNode expected = oracle.get(i).get("response");
            if (expected.get("status_code").asInt() == 0) {
                assertThat(exchange.response()).as("entry %d: status 0 means no response", i).isNull();
                continue;
            }
            assertThat(exchange.response().status()).isEqualTo(expected.get("status_code").asInt());
            assertThat(comparable(exchange.response().headers())).isEqualTo(comparable(expected.get("headers")));
            assertThat(exchange.response().body()).as("entry %d", i).hasSize(expected.get("contentLength").asInt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"charles", "chrome", "firefox", "safari"})
    void serverAddressIsTheOneMitmproxyReads(String name) throws Exception {
        List<Exchange> exchanges = read(name + ".har").exchanges();
        JsonNode oracle = JSON.readTree(resource(name + ".json").toFile());

        for (int i = 0; i < exchanges.size(); i++) {
            JsonNode address = oracle.get(i).get("server_conn").get("address");
            String expectedIp = address.isNull() ? null : address.get(0).asText();
            assertThat(exchanges.get(i).server().ip()).as("entry %d", i).isEqualTo(expectedIp);
            assertThat(exchanges.get(i).server().host()).isEqualTo(oracle.get(i).get("request").get("host").asText());
            assertThat(exchanges.get(i).server().port()).isEqualTo(oracle.get(i).get("request").get("port").asInt());
        }
    }

    private static String url(JsonNode request) {
        String scheme = request.get("scheme").asText();
        int port = request.get("port").asInt();
        boolean defaultPort = scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + request.get("host").asText() + (defaultPort ? "" : ":" + port)
                + request.get("path").asText();
    }

    private static List<String> comparable(List<Header> headers) {
        List<String> lines = new ArrayList<>();
        for (Header h : headers) {
            add(lines, h.name(), h.value());
        }
        return lines;
    }

    private static List<String> comparable(JsonNode pairs) {
        List<String> lines = new ArrayList<>();
        for (JsonNode pair : pairs) {
            add(lines, pair.get(0).asText(), pair.get(1).asText());
        }
        return lines;
    }

    private static void add(List<String> lines, String name, String value) {
        if (!name.startsWith(":") && !name.toLowerCase(Locale.ROOT).equals("content-length")) {
            lines.add(name + ": " + value);
        }
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static RecordingSink read(String name) throws Exception {
        RecordingSink sink = new RecordingSink();
        new HarReader().read(resource(name), sink);
        return sink;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(HarReaderOracleTest.class.getResource("/har/" + name).toURI());
    }
}
