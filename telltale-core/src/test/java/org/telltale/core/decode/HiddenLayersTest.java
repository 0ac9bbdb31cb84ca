package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.gzip;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.Base64;
import java.util.HexFormat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;
import org.telltale.api.Payload;

/**
 * Layers that trackers stack in ways the plain cases do not show: compressed fields inside
 * undeclared protobuf, numbers-only values under base64 or hex, escaped base64 padding, and
 * two-byte zlib look-alikes that must be passed over quietly. protobuf-java builds the messages.
 */
class HiddenLayersTest {
    private static final String PHONE = "+8613634196927";

    @Test
    void hexOfAPhoneNumberInAHeaderIsDecoded() {
        String hex = HexFormat.of().formatHex(utf8(PHONE));

        Walks.Result r = walk(Payload.root("request.header:X-Device-Info", utf8(hex), null, null));

        assertThat(r.pathOf(PHONE)).containsExactly("hex");
    }

    @Test
    void base64OfANationalPhoneNumberInAFormFieldIsDecoded() {
        String b64 = Base64.getEncoder().encodeToString(utf8("9674098306"));

        Walks.Result r = walk(Walks.body("sdk=3.1&p=" + b64.replace("=", "%3D"), "application/x-www-form-urlencoded"));

        assertThat(r.pathOf("9674098306")).containsExactly("form:p", "base64");
    }

    @Test
    void hexOfHexOfDigitsIsPeeledTwice() {
        String once = HexFormat.of().formatHex(utf8("490154203237518"));
        String twice = HexFormat.of().formatHex(utf8(once));

        Walks.Result r = walk(Payload.root("request.cookie:uid", utf8(twice), null, null));

        assertThat(r.pathOf("490154203237518")).containsExactly("hex", "hex");
    }

    @Test
    void deflatedUndeclaredProtobufWithAGzipFieldIsFollowedToTheText() {
        byte[] message = message(gzip(utf8("jane@example.org")), "v8");

        Walks.Result r = walk(Payload.root("request.body", Walks.deflate(message, false), "application/octet-stream", null));

        assertThat(r.pathOf("jane@example.org")).containsExactly("deflate", "protobuf:2", "gzip");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void undeclaredProtobufUnderBase64IsReadWhenAFieldHoldsCompressedData() {
        byte[] message = message(Walks.deflate(utf8("/storage/emulated/0/DCIM/private.jpg"), false), "v3");
        String b64 = Base64.getUrlEncoder().encodeToString(message);

        Walks.Result r = walk(Payload.root("request.cookie:ext", utf8(b64), null, null));

        assertThat(r.pathOf("/storage/emulated/0/DCIM/private.jpg"))
                .containsExactly("base64url", "protobuf:2", "deflate");
    }

    @Test
    void protobufFieldHoldingADigitsOnlyPhoneIsReadUnderBase64() {
        String b64 = Base64.getUrlEncoder().encodeToString(message(utf8(PHONE), "v5"));

        Walks.Result r = walk(Payload.root("request.body", utf8("{\"payload\":\"" + b64 + "\"}"), "application/json", null));

        assertThat(r.pathOf(PHONE)).containsExactly("json:$.payload", "base64url", "protobuf:2");
    }

    @Test
    void percentEscapedPaddingAtTheEndOfALongBase64BodyIsPeeled() {
        String text = "{\"iss\":\"sdk\",\"url\":\"https://example.org/private/page-2231\",\"pad\":\""
                + "x".repeat(300) + "\"}";
        // One byte past a multiple of three, so that the encoding ends in "==".
        String b64 = Base64.getEncoder().encodeToString(utf8(text + " ".repeat((4 - text.length() % 3) % 3)));
        assertThat(b64).endsWith("==");

        Walks.Result r = walk(Walks.body(b64.replace("=", "%3D"), "text/plain"));

        assertThat(r.pathOf("https://example.org/private/page-2231"))
                .containsExactly("percent", "base64", "json:$.url");
    }

    @Test
    void aZlibLookAlikeThatDoesNotInflateIsPassedOverWithoutADiagnostic() {
        // 08 1d is a valid zlib header, and also a protobuf varint field 1 followed by more fields.
        UnknownFieldSet message = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(0x1d).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("jane@example.org")).build())
                .build();
        byte[] bytes = message.toByteArray();
        assertThat(DeflateDecoder.isZlibHeader(bytes)).isTrue();

        Walks.Result r = walk(Payload.root("request.body", gzip(bytes), null, null));

        assertThat(r.pathOf("jane@example.org")).containsExactly("gzip", "protobuf:2");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void declaredDeflateBodyStoredAlreadyDecodedIsReadWithoutADiagnostic() {
        Walks.Result r = walk(Payload.root("request.body", utf8("{\"email\":\"jane@example.org\"}"), "application/json",
                "deflate"));

        assertThat(r.textAt("json:$.email")).isEqualTo("jane@example.org");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void binaryThatStartsLikeAJsonArrayIsNotJson() {
        byte[] body = HexFormat.of().parseHex("5b39d51312811bb344ddfc7e75019bce11185791a84a8daeed5c373a697207eb9e");

        Walks.Result r = walk(Payload.root("request.body", body, null, null));

        assertThat(r.nodes()).hasSize(1);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void binaryHoldingAPercentEscapeIsNotPercentEncoded() {
        byte[] body = HexFormat.of().parseHex("2654dbfb8ea583d54badc9696aa794254362d267f2ce6d59c26837c54551cb");

        Walks.Result r = walk(Payload.root("request.body", body, null, null));

        assertThat(r.nodes()).hasSize(1);
    }

    /** What SDKs write: a numeric id in field 1, the payload in field 2, a short version string in field 3. */
    private static byte[] message(byte[] payload, String version) {
        return UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(849231).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(payload)).build())
                .addField(3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(version)).build())
                .build().toByteArray();
    }

}
