package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Payload;
import org.telltale.core.detect.Detectors;
import org.telltale.core.detect.NodeView;

/** Identifiers are found by their field name and their shape together, never by either alone. */
class IdentifierDetectorTest {
    private final IdentifierDetector detector = new IdentifierDetector();

    private List<Detection> detect(Payload node) {
        return detector.detect(NodeView.of(node, true, "sdk.tracker.example", null));
    }

    /** What every built-in detector reports for the node, as (kind, value). */
    private static List<org.assertj.core.groups.Tuple> allBuiltIns(Payload node) {
        return Detectors.builtIn().stream()
                .flatMap(d -> d.detect(NodeView.of(node, true, "sdk.tracker.example", null)).stream())
                .map(d -> tuple(d.kind(), d.value())).toList();
    }

    @ParameterizedTest
    @CsvSource({
            "json:$.device_id,      f2c993d6218f5e22fe284b2e90c82f3b,      device_id,       HIGH",
            "form:udid,             6f1c1b5e-3c1f-4e4a-9d7b-1f6e5c7a9b21,  device_id,       HIGH",
            "query:idfv,            6F1C1B5E-3C1F-4E4A-9D7B-1F6E5C7A9B21,  device_id,       HIGH",
            "json:$.installation_id, 0b8e1c2d-4f3a-4b5c-8d9e-0a1b2c3d4e5f, installation_id, HIGH",
            "query:userId,          Mz5Xr5UXKuw83hxd6Yms2w==,              user_id,         HIGH",
            "form:uid,              124067228,                             user_id,         HIGH",
            "json:$.distinct_id,    186f1c9e2a4b3-0c1d2e3f4a5b6c-1d2e3f,   user_id,         HIGH",
            "query:clientSessionId, 8cd5c53b-cba8-4d4e-a799-082b67ec4491,  session_id,      HIGH",
            "form:cid,              78AA863F-3983-4928-A884-3CF479D4E86B,  browser_id,      MEDIUM",
            "query:cid,             1635221331.1515916349,                 browser_id,      MEDIUM",
            "json:$.push_token,     APA91bHUHQqDA1_T9iDHsThB4W5RvAhYkzahCkuoEaluAW91bnYtQyKN, push_token, HIGH",
            "json:$.oaid,           3b9f2c1d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c, oaid, HIGH",
            "json:$.vaid,           a1b2c3d4e5f60718293a4b5c6d7e8f90,      vaid,            HIGH",
            "json:$.aaid,           9f8e7d6c5b4a39281706f5e4d3c2b1a0,      aaid,            HIGH",
            "form:imsi,             310260123456789,                       imsi,            HIGH",
            "form:iccid,            8901260123456789011,                   iccid,           HIGH",
            "json:$.serial,         R58M12ABCDE,                           serial_number,   HIGH",
            "json:$.sn,             ZY2238KQ7F,                            serial_number,   MEDIUM"})
    void anIdShapedValueUnderAnIdNameIsFound(String step, String value, String kind, Confidence confidence) {
        assertThat(detect(Leaves.body(step, value)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple(kind, value, confidence));
    }

    @ParameterizedTest
    @CsvSource({
            "json:$.device_id,   1506671989776",            // a time in milliseconds
            "json:$.user_id,     1515916349",               // a time in seconds
            "json:$.session_id,  20140928183500",           // a date and time
            "json:$.session_id,  2015-02-02T10:20:30Z",     // one in ISO 8601
            "json:$.device_id,   1.4.7",                    // a version
            "json:$.device_id,   v2.11.0.5952",             // a version with a prefix
            "json:$.user_id,     0000000000000000",         // one digit repeated
            "json:$.user_id,     12345678",                 // a placeholder
            "json:$.device_id,   00000000-0000-0000-0000-000000000000", // the limited-tracking UUID
            "json:$.uid,         4711",                     // short
            "json:$.user_id,     anonymous",                // a word
            "json:$.userId,      AnonymousVisitorFromWeb",  // words without digits
            "json:$.device_id,   true",                     // a boolean
            "json:$.device_id,   unknown",
            "json:$.session_id,  https://example.com/a1b2c3d4e5f6",  // an address
            "json:$.device_id,   Mozilla/5.0 (Linux; Android 9)",   // text
            "query:cid,          Fq97aBrOTyWAb4cKo3eKgQ",   // 'cid' is also a campaign id: a token is not enough
            "query:cid,          206568151",                // nor a number
            "json:$.guid,        ocs000003",
            "form:imsi,          123456789012345",          // no mobile country code starts with 1
            "form:iccid,         8901260123456789013",      // Luhn check digit wrong
            "json:$.serial,      unknown",
            "json:$.serial,      2015020201",               // a zone or config serial: a counter
            "json:$.sn,          12345678",                 // 'sn' is also a sequence number
            "json:$.content_id,  f2c993d6218f5e22fe284b2e90c82f3b",  // a name that says nothing about a person
            "json:$.id,          6f1c1b5e-3c1f-4e4a-9d7b-1f6e5c7a9b21"})
    void aValueThatIsNoIdOrANameThatSaysNothingIsNotFound(String step, String value) {
        assertThat(detect(Leaves.body(step, value))).isEmpty();
    }

    @Test
    void theShapeDecidesWhatAnAmbiguousAidIsAndOnlyOneDetectorReportsIt() {
        assertThat(allBuiltIns(Leaves.query("aid", "38400000-8cf0-11bd-b23e-10b96e40000d")))
                .containsExactly(tuple("advertising_id", "38400000-8cf0-11bd-b23e-10b96e40000d"));
        assertThat(allBuiltIns(Leaves.query("aid", "a375db57ef62d1c5")))
                .containsExactly(tuple("android_id", "a375db57ef62d1c5"));
        assertThat(allBuiltIns(Leaves.query("aid", "f2c993d6218f5e22fe284b2e90c82f3b"))).isEmpty();
    }

    @Test
    void sixteenHexDigitsUnderADeviceNameAreTheAndroidIdOnce() {
        // Pushwoosh's hwid (webex.pcap) is the ANDROID_ID.
        assertThat(allBuiltIns(Leaves.json("$.request.hwid", "a375db57ef62d1c5")))
                .containsExactly(tuple("android_id", "a375db57ef62d1c5"));
        assertThat(allBuiltIns(Leaves.form("device_id", "860461034812340")))
                .containsExactly(tuple("imei", "860461034812340"));
        // Sixteen digits under a device name are the IMEISV, not also an Android id.
        assertThat(allBuiltIns(Leaves.form("device_id", "8604610348123401")))
                .containsExactly(tuple("imei", "860461034812340"));
    }

    @Test
    void cookiesWithAnIdNameAreCookieIdsAndOtherCookiesAreNotRead() {
        assertThat(detect(Leaves.cookie("_ga", "GA1.2.1635221331.1515916349")))
                .extracting(Detection::kind, Detection::value).containsExactly(tuple("cookie_id", "GA1.2.1635221331.1515916349"));
        assertThat(detect(Leaves.cookie("TDID", "\"68a70cf4-c8e9-4c10-bc08-2f95d9016611\"")))
                .extracting(Detection::kind, Detection::value, Detection::start)
                .containsExactly(tuple("cookie_id", "68a70cf4-c8e9-4c10-bc08-2f95d9016611", 1));
        assertThat(detect(Leaves.cookie("session-id", "154-3103265-2932516")))
                .extracting(Detection::kind).containsExactly("session_id");
        assertThat(detect(Leaves.cookie("nyt-a", "3593076e248514dfbe9a6d95f9b4c9bb"))).isEmpty(); // name says nothing
        assertThat(detect(Leaves.cookie("TapAd_TS", "1440877501426"))).isEmpty(); // a time
        assertThat(detect(Leaves.cookie("test_cookie", "CheckForPermission"))).isEmpty();
    }

    @Test
    void aPercentEncodedIdCookieIsJudgedDecodedOnce() {
        // Netflix's nfvdid cookie (netflix.pcap) is sent percent-encoded.
        String sent = "BQFmAAEBEJX%2F8AhtyKlTbrktMHTIdHNAXmBM0ZnPF642penGTHOit3x9rU0p%3D%3D";
        String decoded = "BQFmAAEBEJX/8AhtyKlTbrktMHTIdHNAXmBM0ZnPF642penGTHOit3x9rU0p==";
        assertThat(detector.detect(NodeView.of(Leaves.cookie("nfvdid", sent), false, "h", null))).isEmpty();
        Payload child = org.telltale.core.TestNodes.payload("request.cookie:nfvdid", List.of("percent"),
                Leaves.bytes(decoded), null, null);
        assertThat(detect(child)).extracting(Detection::kind, Detection::value).containsExactly(tuple("cookie_id", decoded));
        Payload base64 = org.telltale.core.TestNodes.payload("request.cookie:nfvdid", List.of("percent", "base64"),
                Leaves.bytes("0123456789abcdefghij"), null, null);
        assertThat(detect(base64)).as("a layer decoded from the cookie is not the cookie").isEmpty();
    }

    @Test
    void anIdHeaderIsRead() {
        assertThat(detect(Leaves.header("X-Playback-Session-Id", "43DDAFB9-FE2F-4C6E-9B91-AB0DC46487A1")))
                .extracting(Detection::kind).containsExactly("session_id");
    }

    @Test
    void aHostileLongValueIsNotRead() {
        assertThat(detect(Leaves.json("$.device_id", "a1".repeat(1 << 19)))).isEmpty();
        Detector d = detector;
        assertThat(d.detect(NodeView.of(Leaves.json("$.device_id", "f2c993d6218f5e22fe284b2e90c82f3b"), false, "h", null)))
                .as("an inner node is judged by its leaves").isEmpty();
    }
}
