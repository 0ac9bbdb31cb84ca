package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.telltale.api.Payload;

class Base64AndHexDecoderTest {
    private static final String TEXT = "{\"device\":{\"android_id\":\"9774d56d682e549c\",\"imei\":\"490154203237518\"}}";

    @Test
    void mimeWrappedBase64IsDecoded() {
        String wrapped = Base64.getMimeEncoder().encodeToString(utf8(TEXT.repeat(3)));
        assertThat(wrapped).contains("\r\n");

        Walks.Result r = walk(header(wrapped));

        assertThat(r.textAt("base64")).isEqualTo(TEXT.repeat(3));
        assertThat(r.textAt("base64", "json:#2$.device.imei")).isEqualTo("490154203237518");
    }

    @Test
    void urlSafeUnpaddedBase64IsNamedBase64url() {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("?>?>~~ user jane@example.org ~~?>?"));
        assertThat(token).containsAnyOf("-", "_").doesNotEndWith("=");

        Walks.Result r = walk(header(token));

        assertThat(r.textAt("base64url")).isEqualTo("?>?>~~ user jane@example.org ~~?>?");
    }

    @Test
    void plainWordsNumbersAndHexAreNotBase64() {
        assertThat(walk(header("internationalization")).nodes()).hasSize(1);
        assertThat(walk(header("12345678901234567890")).nodes()).hasSize(1);
        assertThat(walk(header("deadbeefcafebabe")).nodes()).hasSize(1);
    }

    @Test
    void hexOfTextIsDecoded() {
        String hex = HexFormat.of().formatHex(utf8("jane@example.org"));

        assertThat(walk(header(hex)).textAt("hex")).isEqualTo("jane@example.org");
    }

    @Test
    void hexOfGzipIsDecodedAndInflated() {
        String hex = HexFormat.of().withUpperCase().formatHex(Walks.gzip(utf8(TEXT)));

        assertThat(walk(header(hex)).textAt("hex", "gzip", "json:$.device.android_id")).isEqualTo("9774d56d682e549c");
    }

    private static Payload header(String value) {
        return Payload.root("request.header:x-data", utf8(value), null, null);
    }
}
