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

class ImeiDetectorTest {
    private final ImeiDetector detector = new ImeiDetector();

    private List<Detection> detect(Payload node) {
        return detector.detect(NodeView.of(node, true, "api.ad-network.example", null));
    }

    @Test
    void imeiUnderItsOwnFieldNameIsHigh() {
        assertThat(detect(Leaves.json("$.device.imei", "490154203237518")))
                .extracting(Detection::kind, Detection::value, Detection::confidence, Detection::transform,
                        Detection::canary)
                .containsExactly(tuple("imei", "490154203237518", Confidence.HIGH, "plain", null));
    }

    @ParameterizedTest
    @CsvSource({"form:device_id", "query:deviceId", "json:$.data[0].IMEI1", "query:meid", "form:imei_no"})
    void imeiUnderAnyTellingFieldNameIsHigh(String step) {
        Payload node = Leaves.body(step, "356938035643809");
        assertThat(detect(node)).extracting(Detection::confidence).containsExactly(Confidence.HIGH);
    }

    @Test
    void imeiInsideALabelledValueIsFoundWithItsOffsets() {
        List<Detection> found = detect(Leaves.form("imei", "IMEI:356938035643809;slot=1"));
        assertThat(found).extracting(Detection::value, Detection::start, Detection::end)
                .containsExactly(tuple("356938035643809", 5, 20));
    }

    @Test
    void bareImeiThatIsAWholeValueIsMedium() {
        assertThat(detect(Leaves.json("$.props.x9", "356938035643809")))
                .extracting(Detection::value, Detection::confidence)
                .containsExactly(tuple("356938035643809", Confidence.MEDIUM));
    }

    @Test
    void bareLuhnNumberWithoutAReportingBodyPrefixIsNotAnImei() {
        // 123456789012347 passes Luhn, but no body allocates type codes starting "12".
        assertThat(detect(Leaves.query("id", "123456789012347"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "json:$.imei, 356938035643808",      // wrong check digit
            "json:$.imei, 000000000000000",      // an emulator's placeholder
            "json:$.imei, 35693803564380",       // 14 digits
            "query:x, 3569380356438090000",      // inside a longer digit run
            "query:ord, 9356938035643809",       // a 16-digit number without a field name
            "query:t, 356938035643809 ms"})      // not the whole value
    void numbersThatAreNotImeisAreNotReported(String step, String value) {
        assertThat(detect(Leaves.body(step, value))).isEmpty();
    }

    @Test
    void imeisvUnderAFieldNameIsReportedAsTheImeiItCarries() {
        // IMEISV = the 14 IMEI digits without the check digit + a 2-digit software version.
        assertThat(detect(Leaves.form("imeisv", "3569380356438091")))
                .extracting(Detection::value, Detection::matched, Detection::transform)
                .containsExactly(tuple("356938035643809", "3569380356438091", "imeisv"));
    }

    @Test
    void sixteenDigitsWithoutFieldNameAreNotAnImeisv() {
        assertThat(detect(Leaves.query("correlator", "3569380356438091"))).isEmpty();
    }

    @Test
    void aRunStartingJustBeforeTheScanLimitIsReadWholeAndALongerOneIsNoImei() {
        String pad = "x".repeat(4090);
        assertThat(detect(Leaves.json("$.imei", pad + "356938035643809 ")))
                .extracting(Detection::value, Detection::start).containsExactly(tuple("356938035643809", 4090));
        assertThat(detect(Leaves.json("$.imei", pad + "356938035643809" + "0".repeat(10_000)))).isEmpty();
    }

    @Test
    void innerNodesAreLeftToTheirLeaves() {
        assertThat(detector.detect(NodeView.of(Leaves.form("imei", "356938035643809"), false, "x.example", null))).isEmpty();
    }
}
