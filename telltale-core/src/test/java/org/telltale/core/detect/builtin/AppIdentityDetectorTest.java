package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.core.detect.NodeView;

/** An app's own package name, and lists of the apps a phone has. */
class AppIdentityDetectorTest {
    private final AppIdentityDetector detector = new AppIdentityDetector();

    private List<Detection> detect(Payload node, boolean leaf) {
        return detector.detect(NodeView.of(node, leaf, "sdk.tracker.example", null));
    }

    @ParameterizedTest
    @CsvSource({
            "json:$.request.android_package, com.haaretz,            HIGH",
            "form:bundle_id,                 com.example.MyApp-Beta,  HIGH",
            "query:package,                  com.amazon.dee.app,      HIGH",
            "query:app_id,                   com.rovio.angrybirds,    MEDIUM"})
    void aPackageNameUnderAPackageFieldIsTheAppId(String step, String value, Confidence confidence) {
        assertThat(detect(Leaves.body(step, value), true))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("app_id", value, confidence));
    }

    @Test
    void androidWebViewsNameTheirAppInXRequestedWith() {
        assertThat(detect(Leaves.header("X-Requested-With", "com.amazon.dee.app"), true))
                .extracting(Detection::kind, Detection::value).containsExactly(tuple("app_id", "com.amazon.dee.app"));
        assertThat(detect(Leaves.header("X-Requested-With", "XMLHttpRequest"), true)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "query:app_id,  5006",                  // a number
            "query:appid,   ocs000003",             // a key
            "query:app_id,  com.haaretz",           // one dot under a name that also holds other things
            "json:$.application, 3624D-2BB40",
            "query:package, 1.4.7",                 // a version
            "query:package, fonts.googleapis.com",  // a host, not reverse DNS
            "query:package, com.example.main.js",   // a file
            "query:package, com..example",
            "json:$.title,  com.example.app"})      // a name that says nothing
    void otherValuesAreNotAnAppId(String step, String value) {
        assertThat(detect(Leaves.body(step, value), true)).isEmpty();
    }

    @Test
    void aCommaSeparatedListOfPackagesIsOneInstalledAppsFinding() {
        String list = "com.whatsapp,com.facebook.katana, com.tencent.mm,org.telegram.messenger";
        assertThat(detect(Leaves.form("apps", list), true))
                .extracting(Detection::kind, Detection::value, Detection::start, Detection::end)
                .containsExactly(tuple("installed_apps", "com.whatsapp,com.facebook.katana,com.tencent.mm,org.telegram.messenger",
                        0, list.length()));
    }

    @Test
    void aJsonArrayOfPackagesIsFoundInTheDocumentAndAStringListOnlyInItsLeaf() {
        String body = "{\"v\":1,\"apps\":[\"com.whatsapp\", \"com.tencent.mm\",\"jp.naver.line.android\"],"
                + "\"s\":\"com.a.b,com.c.d,com.e.f\"}";
        assertThat(detect(Leaves.rawBody(body, "application/json"), false))
                .extracting(Detection::kind, Detection::value)
                .containsExactly(tuple("installed_apps", "com.whatsapp,com.tencent.mm,jp.naver.line.android"));
    }

    @Test
    void twoPackagesOrPackagesInProseAreNoList() {
        assertThat(detect(Leaves.form("apps", "com.whatsapp,com.tencent.mm"), true)).isEmpty();
        assertThat(detect(Leaves.form("text", "com.whatsapp and com.tencent.mm and com.viber.voip"), true)).isEmpty();
        assertThat(detect(Leaves.form("hosts", "google.com,facebook.com,twitter.com"), true))
                .as("host names are not reverse DNS").isEmpty();
    }

    @Test
    void aHugeListIsReportedOnceWithABoundedValue() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append("com.app").append(i).append(".x,");
        }
        List<Detection> found = detect(Leaves.form("apps", sb.toString()), true);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).value().split(",")).hasSize(AppIdentityDetector.MAX_ITEMS);
        assertThat(found.get(0).end()).isEqualTo(sb.length() - 1);
    }
}
