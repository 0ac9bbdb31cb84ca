package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.core.detect.NodeView;

class AndroidAndAdvertisingIdTest {
    private final AndroidIdDetector androidId = new AndroidIdDetector();
    private final AdvertisingIdDetector advertisingId = new AdvertisingIdDetector();

    @ParameterizedTest
    @CsvSource({"json:$.android_id", "form:androidId", "query:ssaid", "json:$.device.aid"})
    void sixteenHexDigitsUnderAnAndroidIdNameAreHigh(String step) {
        Payload node = Leaves.body(step, "9774D56D682E549C");
        assertThat(androidId.detect(NodeView.of(node, true, "sdk.tracker.example", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("android_id", "9774d56d682e549c", Confidence.HIGH));
    }

    @ParameterizedTest
    @CsvSource({
            "json:$.session, 9774d56d682e549c",     // any 64-bit id: no telling name
            "json:$.android_id, 9774d56d682e549",   // 15 hex digits
            "json:$.android_id, 9774d56d682e549z",  // not hex
            "json:$.android_id, 0000000000000000"}) // unset
    void otherValuesAreNotAnAndroidId(String step, String value) {
        assertThat(androidId.detect(NodeView.of(Leaves.body(step, value), true, "sdk.tracker.example", null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"json:$.gaid", "form:gps_adid", "query:idfa", "json:$.user.advertising_id", "query:rdid",
            "json:$.googleAdId", "query:aid"})
    void uuidUnderAnAdvertisingIdNameIsHigh(String step) {
        Payload node = Leaves.body(step, "38400000-8CF0-11BD-B23E-10B96E40000D");
        assertThat(advertisingId.detect(NodeView.of(node, true, "app.adjust.com", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("advertising_id", "38400000-8cf0-11bd-b23e-10b96e40000d", Confidence.HIGH));
    }

    @Test
    void bareUuidIsNotAnAdvertisingId() {
        // A request or session id: UUIDs are everywhere.
        Payload node = Leaves.json("$.events[0].event_id", "38400000-8cf0-11bd-b23e-10b96e40000d");
        assertThat(advertisingId.detect(NodeView.of(node, true, "app.adjust.com", null))).isEmpty();
    }

    @Test
    void theLimitAdTrackingZeroIdNamesNoOne() {
        Payload node = Leaves.form("idfa", "00000000-0000-0000-0000-000000000000");
        assertThat(advertisingId.detect(NodeView.of(node, true, "app.adjust.com", null))).isEmpty();
    }

    @Test
    void advertisingIdInsideABase64FormFieldKeepsTheFieldName() {
        Payload node = Leaves.bodyPath(java.util.List.of("form:gaid", "base64"), "38400000-8cf0-11bd-b23e-10b96e40000d");
        assertThat(advertisingId.detect(NodeView.of(node, true, "app.adjust.com", null))).hasSize(1);
    }
}
