package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.DecodeLimits;
import org.telltale.api.Finding;
import org.telltale.api.Payload;
import org.telltale.core.EngineRuns;
import org.telltale.testkit.ExchangeBuilder;

/**
 * Raw deflate that nobody declared, written by the JDK's {@code Deflater(level, true)} (what
 * pako's deflateRaw writes too): found under base64, in a protobuf field, as a body; and random
 * bytes, truncated streams and streams with bytes after their end decode to nothing.
 */
class RawDeflateDecoderTest {
    private static final String JSON = "{\"user\":{\"email\":\"jane.roe@mail.example\"},\"v\":3}";
    private static final Canary MAIL = new Canary("mail", CanaryType.EMAIL, "jane.roe@mail.example", List.of());

    @Test
    void rawDeflateUnderBase64InAJsonFieldIsOpened() {
        String b64 = Base64.getEncoder().encodeToString(Walks.deflate(utf8(JSON), true));

        Walks.Result r = walk(Walks.body("{\"d\":\"" + b64 + "\"}", "application/json"));

        assertThat(r.pathOf("jane.roe@mail.example"))
                .containsExactly("json:$.d", "base64", "deflate-raw", "json:$.user.email");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void rawDeflateInAProtobufFieldIsOpened() {
        byte[] message = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(7).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                        ByteString.copyFrom(Walks.deflate(utf8(JSON), true))).build())
                .build().toByteArray();

        Walks.Result r = walk(Payload.root("request.body", message, "application/x-protobuf", null));

        assertThat(r.pathOf("jane.roe@mail.example"))
                .containsExactly("protobuf:2", "deflate-raw", "json:$.user.email");
    }

    @Test
    void anUndeclaredRawDeflateBodyIsOpenedAndTheFindingReplays() {
        byte[] body = Walks.deflate(utf8(JSON), true);

        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://t.example/c")
                .header("Content-Type", "application/octet-stream").body(body).build(), MAIL);

        assertThat(EngineRuns.provenances(found, "mail"))
                .containsExactly("request.body > deflate-raw > json:$.user.email");
        assertThat(found).hasSize(1);
    }

    @Test
    void rawDeflateUnderHexOfTextIsOpened() {
        String hex = HexFormat.of().formatHex(Walks.deflate(utf8("email=jane.roe%40mail.example&v=1"), true));

        Walks.Result r = walk(Payload.root("request.header:x-ctx", utf8(hex), null, null));

        assertThat(r.pathOf("jane.roe@mail.example")).containsExactly("hex", "deflate-raw", "form:email");
    }

    @Test
    void aTruncatedStreamOrOneWithBytesAfterItsEndIsNotOpened() {
        byte[] stream = Walks.deflate(utf8(JSON + JSON), true);
        byte[] truncated = Arrays.copyOf(stream, stream.length - 3);
        byte[] trailing = Arrays.copyOf(stream, stream.length + 2);

        assertThat(RawDeflateDecoder.inflateExactly(stream, 1 << 20)).isEqualTo(utf8(JSON + JSON));
        assertThat(RawDeflateDecoder.inflateExactly(truncated, 1 << 20)).isNull();
        assertThat(RawDeflateDecoder.inflateExactly(trailing, 1 << 20)).isNull();
    }

    @Test
    void aStreamThatWouldInflatePastTheExpansionLimitIsNotOpened() {
        byte[] zeros = new byte[100_000];
        byte[] bomb = Walks.deflate(zeros, true);
        assertThat((long) bomb.length * 100).isLessThan(zeros.length);

        List<Payload> children = new RawDeflateDecoder().decode(Payload.root("request.body", bomb, null, null),
                DecodeLimits.DEFAULT);

        assertThat(children).isEmpty();
    }

    @Test
    void storedAndFixedAndDynamicBlocksAllRead() {
        for (int level : new int[] {Deflater.NO_COMPRESSION, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION}) {
            Deflater deflater = new Deflater(level, true);
            byte[] input = utf8(JSON.repeat(4));
            deflater.setInput(input);
            deflater.finish();
            byte[] buf = new byte[4096];
            int n = deflater.deflate(buf);
            deflater.end();

            assertThat(RawDeflateDecoder.inflateExactly(Arrays.copyOf(buf, n), 1 << 20)).as("level " + level)
                    .isEqualTo(input);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void randomBytesDecodeToNothing(long seed) {
        Random random = new Random(seed);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[4 + random.nextInt(120)];
            random.nextBytes(bytes);
            Payload node = Payload.root("request.body", bytes, null, null);
            if (new RawDeflateDecoder().fit(node) >= 0
                    && !new RawDeflateDecoder().decode(node, DecodeLimits.DEFAULT).isEmpty()) {
                opened.add(HexFormat.of().formatHex(bytes));
            }
            if (Plausible.rawDeflate(bytes)) {
                opened.add("plausible: " + HexFormat.of().formatHex(bytes));
            }
        }
        assertThat(opened).isEmpty();
    }
}
