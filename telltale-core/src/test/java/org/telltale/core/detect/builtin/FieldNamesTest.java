package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Payload;

class FieldNamesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "request.body|json:$.a.b[0].imei|imei",
            "request.body|json:$.device.advertising_id|advertisingid",
            "request.body|json:$['device id']|deviceid",
            "request.body|json:#2$.user.email|email",
            "request.body|json:#2$[0]|''",
            "request.header:Cookie|form:_ga|ga",
            "request.body|json:$.props.$current_url|currenturl",
            "request.url|query:googleAdId|googleadid",
            "request.body|form:device_id|deviceid",
            "request.body|form:data > base64 > gzip > json:$[0]|data",
            "request.body|form:gaid > base64|gaid",
            "request.body|form:payload > base64 > protobuf:3|''",
            "request.header:X-Android-ID||xandroidid",
            "request.cookie:_ga||ga",
            "request.body||''"})
    void theFieldNameComesFromTheNearestNamingStepOrTheLocation(String location, String steps, String expected) {
        List<String> path = steps == null ? List.of() : List.of(steps.split(" > "));
        Payload node = org.telltale.core.TestNodes.payload(location, path, new byte[0], null, null);
        assertThat(org.telltale.core.detect.FieldNames.of(node)).isEqualTo(expected);
    }
}
