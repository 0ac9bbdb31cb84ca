package org.telltale.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.telltale.api.Exchange;

class ExchangeBuilderTest {
    @Test
    void serverHostAndPortComeFromTheUrl() {
        assertThat(ExchangeBuilder.get("https://t.example/a").build().server().port()).isEqualTo(443);
        assertThat(ExchangeBuilder.get("http://t.example/a").build().server().port()).isEqualTo(80);
        Exchange e = ExchangeBuilder.get("http://t.example:8080/a").serverIp("192.0.2.7").build();
        assertThat(e.server().host()).isEqualTo("t.example");
        assertThat(e.server().port()).isEqualTo(8080);
        assertThat(e.server().ip()).isEqualTo("192.0.2.7");
    }

    @Test
    void headersKeepTheirOrderAndTheBodyIsCopied() {
        byte[] body = "a=1".getBytes(StandardCharsets.UTF_8);
        Exchange e = ExchangeBuilder.post("https://t.example/c").header("X-A", "1").header("x-a", "2")
                .body(body).build();
        body[0] = 'z';

        assertThat(e.request().headers()).extracting(h -> h.value()).containsExactly("1", "2");
        assertThat(e.request().header("X-A")).isEqualTo("1");
        assertThat(new String(e.request().body(), StandardCharsets.UTF_8)).isEqualTo("a=1");
        assertThat(e.response()).isNull();
    }

    @Test
    void aResponseHeaderAloneGivesAnEmptyOkResponse() {
        Exchange e = ExchangeBuilder.get("https://t.example/").responseHeader("Set-Cookie", "sid=1").build();

        assertThat(e.response().status()).isEqualTo(200);
        assertThat(e.response().header("set-cookie")).isEqualTo("sid=1");
        assertThat(e.response().body()).isEmpty();
    }
}
