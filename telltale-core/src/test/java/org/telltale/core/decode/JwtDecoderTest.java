package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.telltale.api.Payload;

class JwtDecoderTest {
    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(json));
    }

    @Test
    void bearerTokenGivesHeaderAndPayloadClaims() {
        String jwt = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
                + part("{\"sub\":\"u-88127\",\"email\":\"jane@example.org\",\"iat\":1587460200}") + ".c2lnbmF0dXJl";

        Walks.Result r = walk(Payload.root("request.header:authorization", utf8("Bearer " + jwt), null, null));

        assertThat(r.textAt("jwt:header", "json:$.alg")).isEqualTo("HS256");
        assertThat(r.textAt("jwt:payload", "json:$.email")).isEqualTo("jane@example.org");
        assertThat(r.textAt("jwt:payload", "json:$.iat")).isEqualTo("1587460200");
    }

    @Test
    void threeDottedPartsWithoutAnAlgAreNotAJwt() {
        String notJwt = part("{\"typ\":\"JWT\"}") + "." + part("{\"a\":1}") + ".sig";

        Walks.Result r = walk(Payload.root("request.cookie:t", utf8(notJwt), null, null));

        assertThat(r.paths()).noneMatch(p -> p.contains("jwt:payload"));
    }
}
