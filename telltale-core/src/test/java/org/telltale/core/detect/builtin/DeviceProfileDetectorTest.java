package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.core.detect.NodeView;

/** Each part of the device's profile, found under its field names when the value has its shape, and not otherwise. */
class DeviceProfileDetectorTest {
    private final DeviceProfileDetector detector = new DeviceProfileDetector();

    private java.util.List<Detection> detect(Payload node) {
        return detector.detect(NodeView.of(node, true, "sdk.tracker.example", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // step                              | sent value                 | kind              | value reported              | confidence
            "json:$.device.model                 | Mi 9T                      | device_model      | Mi 9T                       | HIGH",
            "form:device_model                   | SM-G960F                   | device_model      | SM-G960F                    | HIGH",
            "json:$.manufacturer                 | Xiaomi                     | device_model      | Xiaomi                      | HIGH",
            "query:dm                            | Pixel 4a (5G)              | device_model      | Pixel 4a (5G)               | MEDIUM",
            "json:$.os_version                   | 10                         | os_version        | 10                          | HIGH",
            "json:$.osv                          | 14.2.1                     | os_version        | 14.2.1                      | HIGH",
            "json:$.os                           | Android 10                 | os_version        | Android 10                  | HIGH",
            "query:os                            | android                    | os_version        | android                     | MEDIUM",
            "json:$.sdk_int                      | 29                         | os_version        | 29                          | HIGH",
            "json:$.platform                     | iOS 17.1                   | os_version        | iOS 17.1                    | HIGH",
            "json:$.build.fingerprint            | google/sargo/sargo:10/QQ1B.200105.004/6031802:user/release-keys | build_fingerprint | google/sargo/sargo:10/QQ1B.200105.004/6031802:user/release-keys | HIGH",
            "json:$.props[3]                     | Xiaomi/davinci/davinci:10/QKQ1.190825.002/V12.0.3.0.QFJMIXM:user/release-keys | build_fingerprint | Xiaomi/davinci/davinci:10/QKQ1.190825.002/V12.0.3.0.QFJMIXM:user/release-keys | HIGH",
            "json:$.carrier                      | T-Mobile                   | carrier           | T-Mobile                    | HIGH",
            "form:network_operator_name          | 中国移动                    | carrier           | 中国移动                     | HIGH",
            "json:$.operator                     | 46000                      | mcc_mnc           | 46000                       | MEDIUM",
            "json:$.mcc_mnc                      | 310260                     | mcc_mnc           | 310260                      | HIGH",
            "json:$.mcc                          | 262                        | mcc_mnc           | 262                         | MEDIUM",
            "query:net                           | wifi                       | network_type      | wifi                        | MEDIUM",
            "json:$.connection_type              | LTE                        | network_type      | LTE                         | HIGH",
            "json:$.local_ip                     | 192.168.1.23               | ip_address        | 192.168.1.23 (private)      | HIGH",
            "json:$.client_ip                    | 203.0.113.7                | ip_address        | 203.0.113.7 (public)        | HIGH",
            "json:$.ipv6                         | 2001:db8:85a3::8a2e:370:7334 | ip_address      | 2001:db8:85a3::8a2e:370:7334 (public) | HIGH",
            "json:$.ip                           | fe80::1c2b:3cff:fe4d:5e6f  | ip_address        | fe80::1c2b:3cff:fe4d:5e6f (private) | HIGH",
            "json:$.tz                           | Asia/Shanghai              | time_zone         | Asia/Shanghai               | HIGH",
            "json:$.timezone                     | GMT+08:00                  | time_zone         | GMT+08:00                   | HIGH",
            "json:$.timezone                     | 7200                       | time_zone         | 7200                        | MEDIUM",
            "json:$.anything                     | America/Argentina/Salta    | time_zone         | America/Argentina/Salta     | HIGH",
            "json:$.language                     | zh-CN                      | language          | zh-CN                       | HIGH",
            "query:locale                        | en_US                      | language          | en_US                       | HIGH",
            "query:hl                            | zh-Hans-CN                 | language          | zh-Hans-CN                  | HIGH",
            "json:$.country                      | DE                         | country           | DE                          | HIGH",
            "json:$.cc                           | se                         | country           | se                          | MEDIUM",
            "json:$.screen_size                  | 1080x2340                  | screen_size       | 1080x2340                   | HIGH",
            "json:$.screen                       | 1920*1080                  | screen_size       | 1920*1080                   | HIGH",
            "json:$.screen_width                 | 1080                       | screen_size       | 1080                        | MEDIUM",
            "json:$.total_memory                 | 3896098816                 | memory            | 3896098816                  | HIGH",
            "json:$.ram                          | 4 GB                       | memory            | 4 GB                        | HIGH",
            "json:$.free_disk                    | 12.5GB                     | disk              | 12.5GB                      | HIGH",
            "json:$.battery_level                | 0.87                       | battery           | 0.87                        | HIGH",
            "json:$.battery_state                | charging                   | battery           | charging                    | HIGH",
            "json:$.is_rooted                    | false                      | device_integrity  | false                       | HIGH",
            "form:emulator                       | 1                          | device_integrity  | 1                           | HIGH",
            "json:$.jailbroken                   | true                       | device_integrity  | true                        | HIGH"})
    void aProfileValueUnderItsNameIsFound(String step, String sent, String kind, String value, Confidence confidence) {
        assertThat(detect(Leaves.body(step, sent)))
                .extracting(Detection::kind, Detection::value, Detection::matched, Detection::confidence)
                .containsExactly(tuple(kind, value, sent, confidence));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "json:$.model          | unknown",             // a placeholder
            "json:$.model          | 12345",               // a number where a name belongs
            "json:$.model          | phone",               // a class of device, no model
            "json:$.model          | https://example.com/m", // a URL
            "json:$.device_model   | ''",
            "json:$.os_version     | latest",
            "json:$.os             | 10",                  // a bare number under a name that needs the OS's name
            "json:$.os             | windowsphone",        // no OS name followed by a separator
            "json:$.sdk_int        | 99",                  // not an API level
            "json:$.fingerprint    | 3f2a9c7d1e",          // a hash, not a build fingerprint
            "json:$.anything       | a/b/c:d/e/f:g/h",     // the shape but no build type
            "json:$.carrier        | 12",
            "json:$.carrier        | wifi",
            "json:$.mcc_mnc        | 123456",              // MCC 123 does not exist
            "json:$.mcc            | 999",
            "query:net             | 0",
            "query:network         | facebook",
            "json:$.ip             | 1.2.3",
            "json:$.ip             | 256.1.1.1",
            "json:$.ip             | 127.0.0.1",           // loopback says nothing of the device
            "json:$.ip             | 0.0.0.0",
            "json:$.ip             | ::1",
            "json:$.ip             | 1:2",
            "json:$.tz             | 0",
            "json:$.tz             | 7201",
            "json:$.tz             | Mars/Olympus",
            "json:$.language       | xx",
            "json:$.language       | english please",
            "query:locale          | (eng+)",
            "json:$.language       | EN_us_x",
            "json:$.country        | XZ",
            "json:$.country        | Germany",
            "json:$.screen         | MainActivity",        // the app screen a user opened: the screen detector's
            "json:$.screen_size    | 10x20",
            "json:$.resolution     | 1080x",
            "json:$.screen_width   | 50",
            "json:$.memory         | 0",
            "json:$.memory         | lots",
            "json:$.battery_level  | 150",
            "json:$.is_rooted      | maybe",
            "json:$.note           | 1080x2340",           // a shape under a name that says nothing
            "json:$.value          | Xiaomi",
            "query:bl              | 0"})                  // real, nytimes.com: Dynamic Yield's bl is no battery level
    void aValueThatDoesNotFitItsNameIsNotReported(String step, String sent) {
        assertThat(detect(Leaves.body(step, sent))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "X-Forwarded-For | 198.51.100.4 | 198.51.100.4 (public)",
            "X-Real-IP       | 10.1.2.3     | 10.1.2.3 (private)"})
    void anAddressInAForwardingHeaderIsTheDevicesIp(String header, String sent, String value) {
        assertThat(detect(Leaves.header(header, sent)))
                .extracting(Detection::kind, Detection::value)
                .containsExactly(tuple("ip_address", value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"tz | -420", "timezone | Europe/Berlin"})
    void aTimeZoneCookieIsFound(String cookie, String sent) {
        assertThat(detect(Leaves.cookie(cookie, sent))).extracting(Detection::kind).containsExactly("time_zone");
    }

    @org.junit.jupiter.api.Test
    void theScreenFieldHoldsEitherAnAppScreenOrTheScreensSizeAndEachDetectorTakesItsOwn() {
        ScreenDetector screens = new ScreenDetector();
        Payload size = Leaves.json("$.screen", "1080x2340");
        Payload appScreen = Leaves.json("$.screen", "SettingsActivity");
        assertThat(detect(size)).extracting(Detection::kind).containsExactly("screen_size");
        assertThat(screens.detect(NodeView.of(size, true, "sdk.tracker.example", null))).isEmpty();
        assertThat(detect(appScreen)).isEmpty();
        assertThat(screens.detect(NodeView.of(appScreen, true, "sdk.tracker.example", null)))
                .extracting(Detection::kind).containsExactly("screen");
    }
}
