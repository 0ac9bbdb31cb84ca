package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.resource;
import static org.telltale.core.decode.Walks.walk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

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
 * Brotli nobody declared, on streams written by the reference encoder (the brotli CLI; see
 * resources/decode/brotli-fixtures.md): several meta-blocks, an uncompressed meta-block, found as a
 * body, under base64 and in a protobuf field; truncated streams, streams with bytes after their end
 * and seeded random bytes decode to nothing.
 */
class BrotliGuessTest {
    private static final String MAIL = "jane.roe@mail.example";

    /** The first meta-block's ISLAST bit and, when not last, its ISUNCOMPRESSED bit (RFC 7932, 9.2). */
    private static boolean[] firstMetaBlock(byte[] d) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (d[i] & 0xff) << (8 * i);
        }
        int pos = (bits & 1) == 0 ? 1 : ((bits >>> 1) & 7) != 0 ? 4 : 7;
        boolean last = ((bits >>> pos) & 1) == 1;
        pos += last ? 2 : 1;
        int nibbles = (int) ((bits >>> pos) & 3);
        pos += 2 + 4 * (4 + nibbles);
        return new boolean[] {last, !last && ((bits >>> pos) & 1) == 1};
    }

    @Test
    void anUndeclaredBodyOfSeveralMetaBlocksIsOpenedThroughTheEngine() {
        byte[] body = resource("events.jsonl.br");
        assertThat(firstMetaBlock(body)[0]).as("the first meta-block is not the last").isFalse();

        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://t.example/c")
                .header("Content-Type", "application/octet-stream").body(body).build(),
                new Canary("mail", CanaryType.EMAIL, MAIL, List.of()));

        // The other lines' screen names are built-in findings of their own (ScreenDetector); the canary is found once.
        assertThat(EngineRuns.provenances(found, "mail"))
                .containsExactly("request.body > br > jsonl:line[700] > json:$.user.email");
        assertThat(found).allMatch(f -> "mail".equals(f.canary()) || f.provenance().endsWith("json:$.screen"));
    }

    @Test
    void anUncompressedMetaBlockUnderBase64IsOpened() {
        byte[] stream = resource("message.pb.br");
        assertThat(firstMetaBlock(stream)[1]).as("the first meta-block is uncompressed").isTrue();
        String b64 = Base64.getEncoder().encodeToString(stream);

        Walks.Result r = walk(Walks.body("{\"d\":\"" + b64 + "\"}", "application/json"));

        assertThat(r.pathOf(MAIL)).containsExactly("json:$.d", "base64", "br", "protobuf:2");
    }

    @Test
    void brotliInAProtobufFieldIsOpened() {
        byte[] message = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(3).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                        ByteString.copyFrom(resource("postdata-body.json.br"))).build())
                .build().toByteArray();

        Walks.Result r = walk(Payload.root("request.body", message, "application/x-protobuf", null));

        assertThat(r.textAt("protobuf:2", "br", "json:$.metadata.domain")).isEqualTo("reqbin.com");
    }

    @Test
    void aTruncatedStreamOrOneWithBytesAfterItsEndIsNotOpened() {
        byte[] stream = resource("events.jsonl.br");

        assertThat(BrotliDecoder.decodeExactly(stream, 1 << 20)).isNotNull();
        assertThat(BrotliDecoder.decodeExactly(Arrays.copyOf(stream, stream.length - 1), 1 << 20)).isNull();
        assertThat(BrotliDecoder.decodeExactly(Arrays.copyOf(stream, stream.length + 1), 1 << 20)).isNull();
        byte[] withGarbage = Arrays.copyOf(stream, stream.length + 3);
        withGarbage[stream.length] = 0x42;
        assertThat(BrotliDecoder.decodeExactly(withGarbage, 1 << 20)).isNull();
    }

    @Test
    void aStreamPastTheExpansionLimitIsNotOpened() {
        byte[] stream = resource("events.jsonl.br");

        assertThat(BrotliDecoder.decodeExactly(stream, 10_000)).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void randomBytesDecodeToNothing(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> opened = new ArrayList<>();
        BrotliDecoder decoder = new BrotliDecoder();
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[4 + random.nextInt(120)];
            random.nextBytes(bytes);
            Payload node = Payload.root("request.body", bytes, null, null);
            if (decoder.fit(node) >= 0 && !decoder.decode(node, DecodeLimits.DEFAULT).isEmpty()
                    || Plausible.brotli(bytes)) {
                opened.add(HexFormat.of().formatHex(bytes));
            }
        }
        assertThat(opened).isEmpty();
    }
}
