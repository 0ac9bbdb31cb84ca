package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.body;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.telltale.api.Payload;

class FormDecoderTest {
    @Test
    void sniffedFormBodyGivesOneChildPerField() {
        Walks.Result r = walk(body("v=1&tid=UA-123456-1&cid=555.1234&dl=https%3A%2F%2Fexample.org%2Fprivate&t=pageview", null));

        assertThat(r.textAt("form:tid")).isEqualTo("UA-123456-1");
        assertThat(r.textAt("form:dl")).isEqualTo("https://example.org/private");
        assertThat(r.textAt("form:t")).isEqualTo("pageview");
    }

    @Test
    void unescapedPlusInABase64FormValueIsStillBase64() {
        String b64 = Base64.getEncoder().encodeToString(utf8("{\"q\":\"?>?>?>purple elephant\"}"));
        assertThat(b64).contains("+");

        Walks.Result r = walk(body("data=" + b64, "application/x-www-form-urlencoded"));

        assertThat(r.textAt("form:data", "base64", "json:$.q")).isEqualTo("?>?>?>purple elephant");
    }

    @Test
    void cookieHeaderIsSplitOnSemicolons() {
        Walks.Result r = walk(Payload.root("request.header:Cookie", utf8("_ga=GA1.2.1234.5678; theme=dark;  uid=u%2088"), null, null));

        assertThat(r.textAt("form:_ga")).isEqualTo("GA1.2.1234.5678");
        assertThat(r.textAt("form:uid")).isEqualTo("u 88");
    }

    @Test
    void base64PaddingIsNotAFormField() {
        Walks.Result r = walk(body(Base64.getEncoder().encodeToString(utf8("ab device")), null));

        assertThat(r.paths()).noneMatch(p -> !p.isEmpty() && p.get(0).startsWith("form:"));
        assertThat(r.textAt("base64")).isEqualTo("ab device");
    }

    @Test
    void textWithSpacesIsNotSniffedAsAForm() {
        Walks.Result r = walk(body("a=b is what the teacher wrote & then left", null));

        assertThat(r.nodes()).hasSize(1);
    }
}
