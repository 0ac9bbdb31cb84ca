package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.core.detect.NodeView;

class MacAndPhoneDetectorTest {
    private final MacDetector mac = new MacDetector();
    private final PhoneDetector phone = new PhoneDetector();

    @ParameterizedTest
    @CsvSource({"json:$.wifi.bssid, A4:2B:B0:D3:1C:7E", "form:wifi_mac, a4-2b-b0-d3-1c-7e", "query:mac, a4:2b:b0:d3:1c:7e"})
    void macUnderATellingNameIsHighInColonForm(String step, String value) {
        assertThat(mac.detect(NodeView.of(Leaves.body(step, value), true, "log.umsns.com", null)))
                .extracting(Detection::value, Detection::confidence)
                .containsExactly(tuple("a4:2b:b0:d3:1c:7e", Confidence.HIGH));
    }

    @Test
    void bareColonMacThatIsAWholeValueIsMedium() {
        assertThat(mac.detect(NodeView.of(Leaves.json("$.d.k7", "a4:2b:b0:d3:1c:7e"), true, "log.umsns.com", null)))
                .extracting(Detection::confidence).containsExactly(Confidence.MEDIUM);
    }

    @ParameterizedTest
    @CsvSource({
            "json:$.mac, 02:00:00:00:00:00",   // Android's answer to apps that may not read it
            "json:$.mac, 00:00:00:00:00:00",
            "json:$.bssid, ff:ff:ff:ff:ff:ff",
            "json:$.k7, a4-2b-b0-d3-1c-7e",    // dashes without a name: too much else looks like it
            "json:$.mac, a4:2b:b0:d3:1c",      // five pairs
            "json:$.t, 12:30:45:00:00:99 UTC"})  // not the whole value
    void placeholdersAndLookAlikesAreNotReported(String step, String value) {
        assertThat(mac.detect(NodeView.of(Leaves.body(step, value), true, "log.umsns.com", null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "form:phone|+46 70 123 45 67|+46701234567",
            "json:$.user.mobile|(555) 013-4567|5550134567",
            "query:msisdn|4915112345678|4915112345678",
            "json:$.contact.tel|030-1234567|0301234567"})
    void phoneNumberUnderATellingNameIsHigh(String step, String value, String normalised) {
        assertThat(phone.detect(NodeView.of(Leaves.body(step, value), true, "api.example-shop.net", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("phone", normalised, Confidence.HIGH));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "json:$.mobile|1",                  // "is this a mobile device"
            "json:$.mobile|true",
            "form:phone|12345",                 // too short
            "form:phone|1234567890123456",      // longer than E.164 allows
            "form:phone|0000000",
            "json:$.order_id|+46701234567",     // a number alone is not a phone number
            "form:phone|call me: 0701234567"})
    void valuesThatAreNotPhoneNumbersAreNotReported(String step, String value) {
        assertThat(phone.detect(NodeView.of(Leaves.body(step, value), true, "api.example-shop.net", null))).isEmpty();
    }
}
