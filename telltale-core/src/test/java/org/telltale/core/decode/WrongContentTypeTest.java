package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Finding;
import org.telltale.api.Payload;
import org.telltale.core.EngineRuns;
import org.telltale.testkit.ExchangeBuilder;

/**
 * Dispatch goes first to what the sender declared; when that decoder finds nothing, content sniffing
 * still gets its turn. Real SDKs send protobuf as application/x-www-form-urlencoded.
 */
class WrongContentTypeTest {
    private static final String MAIL = "jane.roe@mail.example";

    /** A message whose varint 61 is the byte '=' (0x3d) and whose '&' comes from a length of 38: form-like bytes. */
    private static byte[] message() {
        return UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(61).build())
                .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(MAIL)).build())
                .addField(3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("x".repeat(38))).build())
                .build().toByteArray();
    }

    @Test
    void protobufSentAsAFormIsReadAsProtobuf() {
        byte[] body = message();
        assertThat(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("=", "&");

        Walks.Result r = walk(Payload.root("request.body", body, "application/x-www-form-urlencoded", null));

        assertThat(r.pathOf(MAIL)).containsExactly("protobuf:2");
        assertThat(r.paths()).noneMatch(p -> !p.isEmpty() && p.get(0).startsWith("form:"));
    }

    @Test
    void throughTheEngineTheFindingHasTheProtobufPathAndNothingElseIsFound() {
        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://t.example/c")
                .header("Content-Type", "application/x-www-form-urlencoded").body(message()).build(),
                new Canary("mail", CanaryType.EMAIL, MAIL, List.of()));

        assertThat(found).extracting(Finding::provenance).containsExactly("request.body > protobuf:2");
    }

    @Test
    void jsonSentAsTextPlainOrAsProtobufIsStillReadAsJson() {
        String json = "{\"email\":\"" + MAIL + "\"}";

        assertThat(walk(Walks.body(json, "text/plain")).pathOf(MAIL)).containsExactly("json:$.email");
        Walks.Result asProtobuf = walk(Walks.body(json, "application/x-protobuf"));
        assertThat(asProtobuf.pathOf(MAIL)).containsExactly("json:$.email");
        assertThat(asProtobuf.diagnostics()).singleElement().asString().contains("protobuf failed");
    }

    @Test
    void aRealFormIsStillAForm() {
        Walks.Result r = walk(Walks.body("a=1&email=" + MAIL.replace("@", "%40") + "\n", "application/x-www-form-urlencoded"));

        assertThat(r.pathOf(MAIL)).containsExactly("form:email");
        assertThat(utf8(MAIL)).isNotEmpty();
    }
}
