package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.gzip;
import static org.telltale.core.decode.Walks.resource;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.Base64;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;
import org.telltale.api.Payload;

class ContentEncodingDecodersTest {
    private static final String JSON = "{\"user\":{\"email\":\"jane@example.org\"},\"ok\":true}";

    @Test
    void declaredXGzipIsPeeledAndTheDeclaredTypeStillApplies() {
        Walks.Result r = walk(Payload.root("request.body", gzip(utf8(JSON)), "application/json", "x-gzip"));

        assertThat(r.textAt("gzip", "json:$.user.email")).isEqualTo("jane@example.org");
        assertThat(r.textAt("gzip", "json:$.ok")).isEqualTo("true");
    }

    @Test
    void realBrotliBodyDeclaredBrIsPeeled() {
        Walks.Result r = walk(Payload.root("request.body", resource("postdata-body.json.br"), "text/plain;charset=UTF-8", "br"));

        assertThat(r.at("br").payload().data()).isEqualTo(resource("postdata-body.json"));
        assertThat(r.textAt("br", "json:$.metadata.domain")).isEqualTo("reqbin.com");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void severalCodingsArePeeledOutermostFirst() {
        byte[] body = gzip(resource("postdata-body.json.br"));

        Walks.Result r = walk(Payload.root("request.body", body, null, "br, gzip"));

        assertThat(r.textAt("gzip", "br", "json:$.metadata.referrer")).isEqualTo("https://www.google.com/");
    }

    @Test
    void bodyAlreadyDecodedDespiteItsDeclaredCodingIsReadAsItIs() {
        Walks.Result r = walk(Payload.root("request.body", utf8(JSON), "application/json", "gzip"));

        assertThat(r.textAt("json:$.user.email")).isEqualTo("jane@example.org");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void zstdRoundTripsDeclaredAndSniffed() {
        byte[] compressed = Zstd.compress(utf8(JSON));

        assertThat(walk(Payload.root("request.body", compressed, null, "zstd")).textAt("zstd", "json:$.user.email"))
                .isEqualTo("jane@example.org");
        assertThat(walk(Payload.root("request.body", compressed, null, null)).textAt("zstd", "json:$.user.email"))
                .isEqualTo("jane@example.org");
    }

    @Test
    void deflateIsReadWithAndWithoutTheZlibWrapper() {
        assertThat(walk(Payload.root("request.body", Walks.deflate(utf8(JSON), false), null, "deflate"))
                .textAt("deflate", "json:$.user.email")).isEqualTo("jane@example.org");
        assertThat(walk(Payload.root("request.body", Walks.deflate(utf8(JSON), true), null, "deflate"))
                .textAt("deflate", "json:$.user.email")).isEqualTo("jane@example.org");
    }

    @Test
    void zlibInsideBase64IsSniffed() {
        String b64 = Base64.getEncoder().encodeToString(Walks.deflate(utf8(JSON), false));

        Walks.Result r = walk(Payload.root("request.header:x-payload", utf8(b64), null, null));

        assertThat(r.textAt("base64", "deflate", "json:$.user.email")).isEqualTo("jane@example.org");
    }

    @Test
    void declaredBrotliThatIsNotBrotliGivesADiagnostic() {
        byte[] notBrotli = {(byte) 0xff, (byte) 0xfe, 0x01, 0x02, 0x03, (byte) 0x99, 0x00, 0x11};

        Walks.Result r = walk(Payload.root("request.body", notBrotli, null, "br"));

        assertThat(r.diagnostics()).singleElement().asString().startsWith("request.body: br failed: ");
    }

}
