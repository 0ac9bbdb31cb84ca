package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.core.detect.NodeView;

class EmailDetectorTest {
    private final EmailDetector detector = new EmailDetector();

    private List<Detection> detect(String text) {
        return detector.detect(NodeView.of(Leaves.json("$.properties.note", text), true, "api.mixpanel.com", null));
    }

    @Test
    void addressInAFormFieldIsHighAndLowerCased() {
        assertThat(detector.detect(NodeView.of(Leaves.form("email", "Jane.Doe+news@Gmail.com"), true, "www.facebook.com", null)))
                .extracting(Detection::kind, Detection::value, Detection::matched, Detection::confidence)
                .containsExactly(tuple("email", "jane.doe+news@gmail.com", "Jane.Doe+news@Gmail.com", Confidence.HIGH));
    }

    @Test
    void addressesInAPlainTextBodyAreFoundWithTheirOffsets() {
        String body = "From: jane.doe@posteo.de\nCc: k.lund@uni-uppsala.se, bo@bbc.co.uk.\n";
        List<Detection> found = detector.detect(NodeView.of(Leaves.rawBody(body, "text/plain"), true, "logs.example-crm.io", null));
        assertThat(found).extracting(Detection::value, Detection::start, Detection::end).containsExactly(
                tuple("jane.doe@posteo.de", 6, 24),
                tuple("k.lund@uni-uppsala.se", 29, 50),
                tuple("bo@bbc.co.uk", 52, 64));
    }

    @Test
    void percentEncodedAddressInsideAnUndecodedUrlIsFound() {
        String url = "https://www.facebook.com/tr/?id=1&ev=Lead&ud%5Bem%5D=jane.doe%40gmail.com&cd%5Bx%5D=1";
        assertThat(detect(url)).extracting(Detection::value, Detection::matched, Detection::transform)
                .containsExactly(tuple("jane.doe@gmail.com", "jane.doe%40gmail.com", "url-encoded"));
    }

    @Test
    void plainAndEncodedAddressesTakingTurnsAreAllFoundInOrder() {
        String text = "a%40posteo.de b@posteo.de c@posteo.de d%40posteo.de e%40posteo.de f@posteo.de";
        assertThat(detect(text)).extracting(Detection::value, Detection::transform).containsExactly(
                tuple("a@posteo.de", "url-encoded"), tuple("b@posteo.de", "plain"), tuple("c@posteo.de", "plain"),
                tuple("d@posteo.de", "url-encoded"), tuple("e@posteo.de", "url-encoded"), tuple("f@posteo.de", "plain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.expressen.se/img/logo@2x.png",             // a retina image name
            "/polopoly_fs/1.9321!/image/200@70.jpg",                // real, from expressen.har
            "npm i lodash@4.17.21",                                 // package@version
            "https://5f3a9c1e@o12345.ingest.sentry.io/5512345",     // a key in a URL, not a mailbox
            "noreply@accounts.google.com",
            "user@example.com",
            "git@github.com:mitmproxy/mitmproxy.git",
            "effcl%400.totcl%400.clicks%400.scroll%400.active",     // real, from www.nytimes.com.har
            "a@b",
            "jane@localhost",
            "@media screen and (max-width: 600px)",
            "jane@site.nosuchtld"})
    void stringsThatOnlyLookLikeAddressesAreNotReported(String text) {
        assertThat(detect(text)).isEmpty();
    }

    @Test
    void binaryLeavesAreNotScanned() {
        byte[] bytes = new byte[200];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 7 == 0 ? 1 : 'a');
        }
        byte[] email = Leaves.bytes("jane@gmail.com");
        System.arraycopy(email, 0, bytes, 50, email.length);
        org.telltale.api.Payload node = org.telltale.core.TestNodes.payload("request.body", List.of("multipart:file"), bytes,
                null, null);
        assertThat(detector.detect(NodeView.of(node, true, "upload.example-cloud.net", null))).isEmpty();
    }
}
