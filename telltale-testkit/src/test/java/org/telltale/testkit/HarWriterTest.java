package org.telltale.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Exchange;

class HarWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void entriesHaveEveryStandardFieldThatChromesExportHas() throws IOException {
        JsonNode real;
        try (InputStream in = getClass().getResourceAsStream("/har/postdata.har")) {
            real = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", ""));
        }
        Exchange post = ExchangeBuilder.post("https://reqbin.com/echo/post/json")
                .header("Content-Type", "text/plain;charset=UTF-8").body("{\"a\":1}")
                .time(Instant.parse("2023-07-15T13:40:00Z")).serverIp("203.0.113.9")
                .response(200, "application/json", "{}").build();

        JsonNode ours = write(List.of(post)).path("log").path("entries").get(0);
        JsonNode theirs = real.path("log").path("entries").get(0);

        // Chrome's own extensions start with '_'; "connection" is optional in HAR 1.2.
        assertThat(fields(ours)).containsAll(standard(fields(theirs), "connection"));
        assertThat(fields(ours.path("request"))).containsAll(standard(fields(theirs.path("request"))));
        assertThat(fields(ours.path("response"))).containsAll(standard(fields(theirs.path("response"))));
        assertThat(fields(ours.path("request").path("postData")))
                .containsAll(fields(theirs.path("request").path("postData")));
        assertThat(ours.path("serverIPAddress").asText()).isEqualTo("203.0.113.9");
        assertThat(ours.path("startedDateTime").asText()).isEqualTo("2023-07-15T13:40:00Z");
    }

    @Test
    void binaryBodiesAreBase64AndTextBodiesStayText() throws IOException {
        byte[] gzipMagic = {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        Exchange binary = ExchangeBuilder.post("https://t.example/b").body(gzipMagic)
                .response(200, "image/gif", new byte[] {'G', 'I', 'F', 0, 1}).build();
        Exchange text = ExchangeBuilder.post("https://t.example/t").body("a=1&b=%C3%A9").build();

        JsonNode entries = write(List.of(binary, text)).path("log").path("entries");

        JsonNode binaryPost = entries.get(0).path("request").path("postData");
        assertThat(binaryPost.path("encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(binaryPost.path("text").asText())).isEqualTo(gzipMagic);
        assertThat(entries.get(0).path("response").path("content").path("encoding").asText()).isEqualTo("base64");
        JsonNode textPost = entries.get(1).path("request").path("postData");
        assertThat(textPost.has("encoding")).isFalse();
        assertThat(textPost.path("text").asText()).isEqualTo("a=1&b=%C3%A9");
        assertThat(entries.get(1).path("response").path("status").asInt()).isZero();
    }

    @Test
    void queryParametersAndCookiesAreListedAsBrowsersListThem() throws IOException {
        Exchange e = ExchangeBuilder.get("https://t.example/p?a=1&q=purple+elephant&empty=")
                .header("Cookie", "sid=abc; pref=dark").build();

        JsonNode request = write(List.of(e)).path("log").path("entries").get(0).path("request");

        assertThat(request.path("queryString").findValuesAsText("name")).containsExactly("a", "q", "empty");
        assertThat(request.path("queryString").get(1).path("value").asText()).isEqualTo("purple+elephant");
        assertThat(request.path("cookies").findValuesAsText("value")).containsExactly("abc", "dark");
        assertThat(request.has("postData")).isFalse();
    }

    private JsonNode write(List<Exchange> exchanges) throws IOException {
        Path file = dir.resolve("out.har");
        new HarWriter().write(exchanges, file);
        return JSON.readTree(file.toFile());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static List<String> standard(Set<String> names, String... optional) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!n.startsWith("_") && !List.of(optional).contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
