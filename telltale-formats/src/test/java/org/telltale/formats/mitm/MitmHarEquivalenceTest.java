package org.telltale.formats.mitm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.formats.mitm.MitmReaderTest.resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.formats.har.HarReader;

/**
 * mitmproxy's test data holds the same traffic saved as flows and exported as HAR by mitmproxy:
 * both readers must see the same exchanges, in the same order. Flow bodies are raw and HAR bodies
 * decoded, so flow bodies are decoded here with the JDK; brotli bodies (one in diff_data) are not
 * compared, the JDK has no brotli decoder. A body whose gzip is corrupt stays raw, as mitmproxy's
 * export keeps it.
 */
class MitmHarEquivalenceTest {
    @ParameterizedTest
    @ValueSource(strings = {"corrupted_gzip_body", "diff_data", "error_log", "event_stream", "incomplete_log",
            "successful_log", "websocket"})
    void flowsAndTheirHarExportGiveTheSameExchanges(String name) throws Exception {
        List<Exchange> fromFlows = MitmReaderTest.read(name + ".mitm").exchanges();
        RecordingSink harSink = new RecordingSink();
        new HarReader().read(resource(name + ".har"), harSink);
        List<Exchange> fromHar = harSink.exchanges();

        assertThat(fromHar).hasSameSizeAs(fromFlows);
        for (int i = 0; i < fromFlows.size(); i++) {
            Exchange flow = fromFlows.get(i);
            Exchange har = fromHar.get(i);
            String where = name + " " + flow.origin() + " / " + har.origin();
            assertThat(har.request().method()).as(where).isEqualTo(flow.request().method());
            assertThat(har.request().url()).as(where).isEqualTo(flow.request().url());
            assertThat(lines(har.request().headers())).as(where).isEqualTo(lines(flow.request().headers()));
            assertSameBody(where, har.request().body(), decoded(flow.request().body(), flow.request().header("Content-Encoding")));
            if (flow.response() == null) {
                assertThat(har.response()).as(where).isNull();
                continue;
            }
            assertThat(har.response().status()).as(where).isEqualTo(flow.response().status());
            String encoding = flow.response().header("Content-Encoding");
            if (!"br".equalsIgnoreCase(encoding)) {
                assertSameBody(where, har.response().body(), decoded(flow.response().body(), encoding));
            }
            assertThat(har.messages()).as(where).hasSameSizeAs(flow.messages());
            for (int m = 0; m < flow.messages().size(); m++) {
                assertThat(har.messages().get(m).fromClient()).isEqualTo(flow.messages().get(m).fromClient());
                assertThat(har.messages().get(m).data()).isEqualTo(flow.messages().get(m).data());
            }
        }
    }

    private static List<String> lines(List<Header> headers) {
        List<String> lines = new ArrayList<>();
        for (Header h : headers) {
            lines.add(h.name() + ": " + h.value());
        }
        return lines;
    }

    /**
     * mitmproxy's export writes most binary bodies in base64 (same bytes), but some that are not UTF-8
     * (protobufs in diff_data) as Latin-1 text, one character per byte: the HAR then holds that text
     * in UTF-8, and the original bytes are lost. Either form is accepted.
     */
    private static void assertSameBody(String where, byte[] har, byte[] flow) {
        if (!java.util.Arrays.equals(har, flow)) {
            assertThat(har).as(where + " (as Latin-1 text)").isEqualTo(asHarText(flow));
        }
    }

    private static byte[] asHarText(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return body;
        } catch (CharacterCodingException notUtf8) {
            return new String(body, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The body without its Content-Encoding, the way a HAR holds it. */
    private static byte[] decoded(byte[] body, String contentEncoding) throws IOException {
        if (contentEncoding == null || body.length == 0) {
            return body;
        }
        InputStream in = new ByteArrayInputStream(body);
        switch (contentEncoding.strip().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip":
                in = new GZIPInputStream(in);
                break;
            case "deflate":
                in = new InflaterInputStream(in);
                break;
            default:
                return body;
        }
        try (InputStream decoding = in) {
            return decoding.readAllBytes();
        } catch (java.util.zip.ZipException corrupt) {
            return body;
        }
    }
}
