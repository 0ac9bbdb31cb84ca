package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.walk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.telltale.api.DecodeLimits;
import org.telltale.api.Payload;

/** protobuf-java, the reference implementation, builds the messages and is the oracle. */
class ProtobufDecoderTest {
    @Test
    void nestedMessagesFromProtobufJavaAreWalkedToTheirText() {
        Struct struct = Struct.newBuilder()
                .putFields("q", Value.newBuilder().setStringValue("purple elephant 4921").build())
                .build();

        Walks.Result r = walk(Payload.root("request.body", struct.toByteArray(), "application/x-protobuf", null));

        assertThat(r.pathOf("purple elephant 4921")).containsExactly("protobuf:1", "protobuf:2", "protobuf:3");
        assertThat(r.textAt("protobuf:1", "protobuf:1")).isEqualTo("q");
    }

    @Test
    void numbersBecomeDecimalTextChildren() {
        UnknownFieldSet message = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(490154203237518L).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addFixed64(Double.doubleToLongBits(48.8566)).build())
                .addField(3, UnknownFieldSet.Field.newBuilder().addFixed32(4921).build())
                .addField(4, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("android")).build())
                .build();

        Walks.Result r = walk(Payload.root("request.body", message.toByteArray(), null, null));

        assertThat(r.textAt("protobuf:1")).isEqualTo("490154203237518");
        assertThat(r.nodes()).extracting(Walks.Node::text).contains("48.8566", "4921", "android");
    }

    @Test
    void protobufInsideBase64IsFoundWhenItHoldsText() {
        UnknownFieldSet message = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("jane@example.org")).build())
                .build();
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(message.toByteArray());

        Walks.Result r = walk(Payload.root("request.cookie:pb", b64.getBytes(StandardCharsets.UTF_8), null, null));

        String alphabet = b64.matches(".*[-_].*") ? "base64url" : "base64";
        assertThat(r.pathOf("jane@example.org")).containsExactly(alphabet, "protobuf:2");
    }

    @Test
    void textIsNotMisreadAsProtobuf() {
        Walks.Result r = walk(Payload.root("request.body", "Hello, world! 1234".getBytes(StandardCharsets.UTF_8),
                "application/octet-stream", null));

        assertThat(r.nodes()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyFieldOfRandomMessagesMatchesTheOracle(long seed) throws Exception {
        Random random = new Random(seed);
        for (int m = 0; m < 50; m++) {
            UnknownFieldSet.Builder builder = UnknownFieldSet.newBuilder();
            int fields = 1 + random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                int number = 1 + random.nextInt(2000);
                UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
                switch (random.nextInt(4)) {
                    case 0 -> field.addVarint(random.nextLong());
                    case 1 -> field.addFixed32(random.nextInt());
                    case 2 -> field.addFixed64(random.nextLong());
                    default -> {
                        byte[] bytes = new byte[random.nextInt(30)];
                        random.nextBytes(bytes);
                        field.addLengthDelimited(ByteString.copyFrom(bytes));
                    }
                }
                builder.mergeField(number, field.build());
            }
            byte[] wire = builder.build().toByteArray();

            List<Payload> children = new ProtobufDecoder().decode(
                    Payload.root("request.body", wire, "application/x-protobuf", null), DecodeLimits.DEFAULT);

            assertThat(stepsAndValues(children, true)).isEqualTo(oracle(UnknownFieldSet.parseFrom(wire)));
        }
    }

    /** What protobuf-java reads, in the decoder's terms: "protobuf:N=value" per field in wire order. */
    private static List<String> oracle(UnknownFieldSet set) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Integer, UnknownFieldSet.Field> e : set.asMap().entrySet()) {
            String step = "protobuf:" + e.getKey();
            UnknownFieldSet.Field f = e.getValue();
            f.getVarintList().forEach(v -> out.add(step + "=" + v));
            f.getFixed32List().forEach(v -> out.add(step + "=" + Integer.toUnsignedString(v)));
            f.getFixed64List().forEach(v -> out.add(step + "=" + Long.toUnsignedString(v)));
            f.getLengthDelimitedList().stream().filter(b -> !b.isEmpty())
                    .forEach(b -> out.add(step + "=" + java.util.HexFormat.of().formatHex(b.toByteArray())));
        }
        out.sort(null);
        return out;
    }

    private static List<String> stepsAndValues(List<Payload> children, boolean dropDoubles) {
        List<String> out = new ArrayList<>();
        for (Payload p : children) {
            String text = new String(p.data(), StandardCharsets.UTF_8);
            boolean number = text.matches("-?[0-9]+");
            if (!number && text.contains(".") && dropDoubles && text.matches("-?[0-9.E-]+")) {
                continue;
            }
            out.add(p.lastStep() + "=" + (number ? text : java.util.HexFormat.of().formatHex(p.data())));
        }
        out.sort(null);
        return out;
    }
}
