package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.walk;

import org.junit.jupiter.api.Test;

class MultipartDecoderTest {
    @Test
    void eachPartIsAChildWithItsOwnContentType() {
        String body = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"meta\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + "{\"imei\":\"490154203237518\"}\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "hello\r\n"
                + "--XyZ--\r\n";

        Walks.Result r = walk(Walks.body(body, "multipart/form-data; boundary=XyZ"));

        assertThat(r.at("multipart:meta").payload().contentType()).isEqualTo("application/json");
        assertThat(r.textAt("multipart:meta", "json:$.imei")).isEqualTo("490154203237518");
        assertThat(r.textAt("multipart:note")).isEqualTo("hello");
        assertThat(r.nodes()).hasSize(4);
    }

    @Test
    void aBodyCutInTheMiddleKeepsItsPartsAndEndsCleanly() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfirst\r\n--b\r\nContent-Disposition: form-da";

        Walks.Result r = walk(Walks.body(body, "multipart/form-data; boundary=\"b\""));

        assertThat(r.textAt("multipart:a")).isEqualTo("first");
        assertThat(r.nodes()).hasSize(2);
    }
}
