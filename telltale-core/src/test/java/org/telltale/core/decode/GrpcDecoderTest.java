package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
import org.telltale.api.Finding;
import org.telltale.api.Payload;
import org.telltale.core.EngineRuns;
import org.telltale.testkit.ExchangeBuilder;

/**
 * gRPC and gRPC-web framing before protobuf. The messages are written by protobuf-java; the frames
 * either by grpc-java's own MessageFramer (the code every grpc-java client sends with), or built here
 * per the gRPC wire spec (PROTOCOL-HTTP2: one compressed-flag byte, a 4-byte big-endian length, the
 * message) where a test needs frames grpc-java would never write.
 */
class GrpcDecoderTest {
    private static final String MAIL = "jane.roe@mail.example";

    private static byte[] message(String email) {
        return UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(42).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(email)).build())
                .build().toByteArray();
    }

    static byte[] frame(int flags, byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) flags).putInt(message.length).put(message).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aDeclaredGrpcRequestIsReadFrameByFrameIntoProtobuf() {
        byte[] body = concat(frame(0, message("first@mail.example")), frame(0, message(MAIL)));

        Walks.Result r = walk(Payload.root("request.body", body, "application/grpc+proto", null));

        assertThat(r.pathOf(MAIL)).containsExactly("grpc:message[1]", "protobuf:2");
        assertThat(r.pathOf("first@mail.example")).containsExactly("grpc:message[0]", "protobuf:2");
        Walks.Node second = r.at("grpc:message[1]");
        assertThat(second.payload().path().get(0).start()).isEqualTo(5 + message("first@mail.example").length + 5);
        assertThat(r.diagnostics()).isEmpty();
    }

    /** The frames grpc-java writes for a stream of messages, each gzip-compressed when asked. */
    static byte[] grpcJavaFrames(boolean gzip, byte[]... messages) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        io.grpc.internal.MessageFramer framer = new io.grpc.internal.MessageFramer(
                (frame, endOfStream, flush, count) -> wire.writeBytes(((GrowingBuffer) frame).bytes.toByteArray()),
                capacity -> new GrowingBuffer(), io.grpc.internal.StatsTraceContext.NOOP);
        if (gzip) {
            framer.setCompressor(new io.grpc.Codec.Gzip());
            framer.setMessageCompression(true);
        }
        for (byte[] m : messages) {
            framer.writePayload(new java.io.ByteArrayInputStream(m));
        }
        framer.close();
        return wire.toByteArray();
    }

    /** A frame buffer for grpc-java's framer that takes whatever it is given. */
    private static final class GrowingBuffer implements io.grpc.internal.WritableBuffer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(byte[] src, int offset, int length) {
            bytes.write(src, offset, length);
        }

        @Override
        public void write(byte b) {
            bytes.write(b);
        }

        @Override
        public int writableBytes() {
            return Integer.MAX_VALUE - bytes.size();
        }

        @Override
        public int readableBytes() {
            return bytes.size();
        }

        @Override
        public void release() {
        }
    }

    @Test
    void framesWrittenByGrpcJavaAreReadMessageByMessage() {
        byte[] body = grpcJavaFrames(false, message("first@mail.example"), message(MAIL));
        assertThat(body).hasSize(5 + message("first@mail.example").length + 5 + message(MAIL).length);

        Walks.Result r = walk(Payload.root("request.body", body, "application/grpc", null));

        assertThat(r.pathOf("first@mail.example")).containsExactly("grpc:message[0]", "protobuf:2");
        assertThat(r.pathOf(MAIL)).containsExactly("grpc:message[1]", "protobuf:2");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void framesGzippedByGrpcJavaAreGunzipped() {
        byte[] body = grpcJavaFrames(true, message(MAIL));
        assertThat(body[0]).as("grpc-java's compressed flag").isEqualTo((byte) 1);

        Walks.Result r = walk(Payload.root("request.body", body, "application/grpc+proto", null));

        assertThat(r.pathOf(MAIL)).containsExactly("grpc:message[0]", "gzip", "protobuf:2");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void aCompressedMessageIsGunzipped() {
        byte[] body = frame(1, Walks.gzip(message(MAIL)));

        Walks.Result r = walk(Payload.root("request.body", body, "application/grpc", null));

        assertThat(r.pathOf(MAIL)).containsExactly("grpc:message[0]", "gzip", "protobuf:2");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void grpcWebTextIsBase64OfFramesEachChunkPaddedOnItsOwn() {
        // A message length that is not a multiple of three pads its chunk, as grpc-web's proxy writes it.
        byte[] one = frame(0, message("a@mail.example"));
        byte[] two = frame(0, message(MAIL));
        byte[] trailers = frame(0x80, utf8("grpc-status:0\r\n"));
        String text = Base64.getEncoder().encodeToString(one) + Base64.getEncoder().encodeToString(two)
                + Base64.getEncoder().encodeToString(trailers);
        assertThat(Base64.getEncoder().encodeToString(one)).endsWith("=");

        Walks.Result r = walk(Walks.body(text, "application/grpc-web-text+proto"));

        assertThat(r.pathOf(MAIL)).containsExactly("grpc:message[1]", "protobuf:2");
    }

    @Test
    void undeclaredFramesAreSniffedAlsoUnderBase64() {
        byte[] body = frame(0, message(MAIL));

        assertThat(walk(Payload.root("request.body", body, "application/octet-stream", null)).pathOf(MAIL))
                .containsExactly("grpc:message[0]", "protobuf:2");
        String b64 = Base64.getEncoder().encodeToString(body);
        assertThat(walk(Walks.body("{\"rpc\":\"" + b64 + "\"}", "application/json")).pathOf(MAIL))
                .containsExactly("json:$.rpc", "base64", "grpc:message[0]", "protobuf:2");
    }

    @Test
    void throughTheEngineAGrpcWebBodyGivesOneFindingWithItsPath() {
        byte[] body = frame(0, message(MAIL));

        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://api.example/pkg.Service/Call")
                .header("Content-Type", "application/grpc-web+proto").body(body).build(),
                new Canary("mail", CanaryType.EMAIL, MAIL, List.of()));

        assertThat(found).extracting(Finding::provenance)
                .containsExactly("request.body > grpc:message[0] > protobuf:2");
    }

    @Test
    void aDeclaredGrpcBodyThatIsNotFramedIsADiagnostic() {
        Walks.Result r = walk(Payload.root("request.body", message(MAIL), "application/grpc", null));

        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d).contains("grpc failed"));
        // Sniffing still gets its turn: the bytes are a bare protobuf message.
        assertThat(r.pathOf(MAIL)).containsExactly("protobuf:2");
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void randomBytesBehindAValidPrefixOpenNothing(long seed) {
        Random random = new Random(seed);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] m = new byte[1 + random.nextInt(80)];
            random.nextBytes(m);
            byte[] body = frame(random.nextInt(2), m);
            Walks.Result r = walk(Payload.root("request.body", body, null, null));
            if (r.nodes().size() != 1) {
                opened.add(HexFormat.of().formatHex(body) + " -> " + r.paths());
            }
        }
        assertThat(opened).isEmpty();
    }
}
