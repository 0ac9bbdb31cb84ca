package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Finding;
import org.telltale.api.Payload;
import org.telltale.api.Step;
import org.telltale.core.EngineRuns;
import org.telltale.testkit.ExchangeBuilder;

/**
 * CBOR written by Jackson's CBOR module and MessagePack written by msgpack-java's MessagePacker,
 * declared, sniffed, and under base64 or hex; Smile written by Jackson's Smile module is not
 * misread as anything; and seeded random bytes that start like a map or an array open nothing.
 */
class StructuredBinaryTest {
    private static final String MAIL = "jane.roe@mail.example";
    private static final Canary CANARY = new Canary("mail", CanaryType.EMAIL, MAIL, List.of());

    private static Map<String, Object> document() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("email", MAIL);
        user.put("age", 41);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", 3);
        doc.put("user", user);
        doc.put("ids", List.of(7, "x-2"));
        return doc;
    }

    static byte[] cbor(Object value) throws IOException {
        return new CBORMapper().writeValueAsBytes(value);
    }

    static byte[] msgpack() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2);
        p.packMapHeader(2);
        p.packString("id").packString(MAIL);
        p.packString("n").packInt(1234567);
        p.packMapHeader(1);
        p.packString("blob").packBinaryHeader(4).writePayload(new byte[] {1, 2, 3, 4});
        p.close();
        return p.toByteArray();
    }

    @Test
    void cborWrittenByJacksonIsReadDeclaredAndSniffedWithPathsAndSpans() throws IOException {
        byte[] body = cbor(document());

        for (String type : new String[] {"application/cbor", null}) {
            Walks.Result r = walk(Payload.root("request.body", body, type, null));

            assertThat(r.pathOf(MAIL)).as(String.valueOf(type)).containsExactly("cbor:$.user.email");
            assertThat(r.textAt("cbor:$.user.age")).isEqualTo("41");
            assertThat(r.textAt("cbor:$.ids[1]")).isEqualTo("x-2");
            Step step = r.at("cbor:$.user.email").payload().path().get(0);
            assertThat(new String(body, step.start(), step.end() - step.start(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(MAIL);
            assertThat(r.diagnostics()).isEmpty();
        }
    }

    @Test
    void cborUnderBase64AndHexAndAByteStringHoldingRawDeflateAreOpened() throws IOException {
        byte[] body = cbor(document());
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        assertThat(walk(Payload.root("request.cookie:c", utf8(b64), null, null)).pathOf(MAIL))
                .containsExactly("base64url", "cbor:$.user.email");
        String hex = HexFormat.of().formatHex(body);
        assertThat(walk(Payload.root("request.header:x-d", utf8(hex), null, null)).pathOf(MAIL))
                .containsExactly("hex", "cbor:$.user.email");

        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("kind", "batch");
        outer.put("payload", Walks.deflate(utf8("{\"email\":\"" + MAIL + "\"}"), true));
        assertThat(walk(Payload.root("request.body", cbor(outer), null, null)).pathOf(MAIL))
                .containsExactly("cbor:$.payload", "deflate-raw", "json:$.email");
    }

    @Test
    void messagePackWrittenByMessagePackerIsReadDeclaredAndSniffed() throws IOException {
        byte[] body = msgpack();

        for (String type : new String[] {"application/x-msgpack", null}) {
            Walks.Result r = walk(Payload.root("request.body", body, type, null));

            assertThat(r.pathOf(MAIL)).as(String.valueOf(type)).containsExactly("msgpack:$[0].id");
            assertThat(r.textAt("msgpack:$[0].n")).isEqualTo("1234567");
            assertThat(r.at("msgpack:$[1].blob").payload().data()).containsExactly(1, 2, 3, 4);
            Step step = r.at("msgpack:$[0].id").payload().path().get(0);
            assertThat(step.end() - step.start()).isEqualTo(MAIL.length());
            assertThat(body[step.start()]).isEqualTo((byte) 'j');
            assertThat(r.diagnostics()).isEmpty();
        }
    }

    @Test
    void aMessagePackLayerUnderBase64IsKeptAndFoundThroughTheEngine() throws IOException {
        String b64 = Base64.getEncoder().encodeToString(msgpack());

        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://t.example/c")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("sdk=2&d=" + java.net.URLEncoder.encode(b64, java.nio.charset.StandardCharsets.UTF_8)).build(),
                CANARY);

        assertThat(found).extracting(Finding::provenance)
                .containsExactly("request.body > form:d > base64 > msgpack:$[0].id");
    }

    @Test
    void aCborBodyIsFoundThroughTheEngineWithItsPathAndNothingElse() throws IOException {
        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://t.example/c")
                .header("Content-Type", "application/cbor").body(cbor(document())).build(), CANARY);

        assertThat(found).extracting(Finding::provenance).containsExactly("request.body > cbor:$.user.email");
    }

    @Test
    void smileWrittenByJacksonIsNotMisreadIntoNoise() throws IOException {
        byte[] smile = new SmileMapper().writeValueAsBytes(document());
        assertThat(new ObjectMapper().readTree(new String(cborAsJsonCheck(), java.nio.charset.StandardCharsets.UTF_8)))
                .isNotNull();

        Walks.Result r = walk(Payload.root("request.body", smile, null, null));

        assertThat(r.nodes()).hasSize(1);
        assertThat(r.diagnostics()).isEmpty();
        String b64 = Base64.getEncoder().encodeToString(smile);
        assertThat(walk(Payload.root("request.header:x-d", utf8(b64), null, null)).nodes()).hasSize(1);
    }

    private static byte[] cborAsJsonCheck() throws IOException {
        return new ObjectMapper().writeValueAsBytes(new CBORMapper().readTree(cbor(document())));
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void randomBytesThatStartLikeAMapOrAnArrayOpenNothing(long seed) {
        Random random = new Random(seed);
        int[] firsts = {0x81, 0x82, 0x83, 0x85, 0x8a, 0x91, 0x92, 0x95, 0x9f, 0xa1, 0xa2, 0xa3, 0xa5, 0xbf, 0xdc, 0xde};
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[2 + random.nextInt(60)];
            random.nextBytes(bytes);
            bytes[0] = (byte) firsts[random.nextInt(firsts.length)];
            if (CborDecoder.plausible(bytes) || MsgPackDecoder.plausible(bytes) || Plausible.decoded(bytes)) {
                opened.add(HexFormat.of().formatHex(bytes));
            }
        }
        assertThat(opened).isEmpty();
    }
}
