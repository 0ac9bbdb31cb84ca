package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.resource;
import static org.telltale.core.decode.Walks.url;
import static org.telltale.core.decode.Walks.walk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class UrlDecoderTest {
    /** Real request URLs from the pagexray captures of nytimes.com and expressen.se. */
    private static final List<String> REAL =
            new String(resource("pagexray-urls.txt"), StandardCharsets.UTF_8).lines().toList();

    @Test
    void queryParametersArePercentDecodedChildren() {
        Walks.Result r = walk(url(REAL.get(0)));

        assertThat(r.textAt("query:id")).isEqualTo("8bb138bc0446417c9a4df9a0136d0caf8a93328592bf4d059bfc856c256fbc33");
        assertThat(r.textAt("query:ei")).isEqualTo("GOOGLE");
        assertThat(r.textAt("query:google_cver")).isEqualTo("1");
        assertThat(r.at("query:euid")).isNull();
        assertThat(r.at("query:id").leaf()).isTrue();
    }

    @Test
    void base64InAQueryValueIsAFormInside() {
        Walks.Result r = walk(url(REAL.get(1)));

        assertThat(r.textAt("query:vcode", "base64")).isEqualTo("o=2&type=1&code=2739&tl=1576800");
        assertThat(r.textAt("query:vcode", "base64", "form:code")).isEqualTo("2739");
        assertThat(r.textAt("query:piggybackCookie")).isEqualTo("786792932447527911");
    }

    @Test
    void aUrlInsideAQueryValueIsDecodedToo() {
        Walks.Result r = walk(url(REAL.get(2)));

        assertThat(r.textAt("query:credir")).startsWith("https://simage2.pubmatic.com/AdServer/Pug?vcode=");
        assertThat(r.textAt("query:credir", "query:vcode", "base64", "form:tl")).isEqualTo("129600");
    }

    @Test
    void doublePercentEncodingIsPeeledByTheRecursion() {
        Walks.Result r = walk(url("https://t.example/c?u=https%253A%252F%252Fexample.org%252Fprivate%252Fpage-2231"));

        assertThat(r.textAt("query:u")).isEqualTo("https%3A%2F%2Fexample.org%2Fprivate%2Fpage-2231");
        assertThat(r.textAt("query:u", "percent")).isEqualTo("https://example.org/private/page-2231");
    }

    @Test
    void plusInAQueryValueIsASpace() {
        assertThat(walk(url("https://duckduckgo.com/?q=purple+elephant+4921&t=h_")).textAt("query:q"))
                .isEqualTo("purple elephant 4921");
    }

    @Test
    void encodedPathSegmentsAndTheFragmentAreChildren() {
        String segment = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"uid\":\"u-88127\"}".getBytes(StandardCharsets.UTF_8));

        Walks.Result r = walk(url("https://api.example/v1/collect/" + segment + "/pixel.gif#email=jane%40example.org"));

        assertThat(r.textAt("urlpath:2")).isEqualTo(segment);
        String alphabet = segment.matches(".*[-_].*") ? "base64url" : "base64";
        assertThat(r.textAt("urlpath:2", alphabet, "json:$.uid")).isEqualTo("u-88127");
        assertThat(r.at("urlpath:0")).isNull();
        assertThat(r.textAt("fragment")).isEqualTo("email=jane@example.org");
        assertThat(r.textAt("fragment", "form:email")).isEqualTo("jane@example.org");
    }
}
