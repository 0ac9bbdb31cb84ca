package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.core.detect.NodeView;

/** What a phone's User-Agent says of it: model, OS version and locale; desktop browsers' say nothing reported. */
class UserAgentDetectorTest {
    private final UserAgentDetector detector = new UserAgentDetector();

    private List<Detection> detect(Payload node) {
        return detector.detect(NodeView.of(node, true, "api.example", null));
    }

    @Test
    void androidModelAndVersionAreReadFromTheComment() {
        String ua = "Mozilla/5.0 (Linux; Android 10; Mi 9T Build/QKQ1.190825.002; wv) AppleWebKit/537.36";
        assertThat(detect(Leaves.header("User-Agent", ua)))
                .extracting(Detection::kind, Detection::value, Detection::matched, Detection::confidence)
                .containsExactlyInAnyOrder(tuple("os_version", "Android 10", "Android 10", Confidence.HIGH),
                        tuple("device_model", "Mi 9T", "Mi 9T", Confidence.HIGH));
    }

    @Test
    void offsetsPointAtTheModelInTheHeader() {
        String ua = "Dalvik/2.1.0 (Linux; U; Android 10; Redmi Note 9 Pro MIUI/V12.0.3.0.QJZMIXM)"; // real, nDPI xiaomi.pcap
        Detection model = detect(Leaves.header("User-Agent", ua)).stream()
                .filter(d -> d.kind().equals("device_model")).findFirst().orElseThrow();
        assertThat(ua.substring(model.start(), model.end())).isEqualTo("Redmi Note 9 Pro");
    }

    @Test
    void aLocaleInTheCommentIsTheLanguage() {
        String ua = "Mozilla/5.0 (Linux; U; Android 4.0.4; fr-fr; GT-P7510 Build/IMM76D) AppleWebKit/534.30"; // real, nDPI ocs.pcap
        assertThat(detect(Leaves.header("User-Agent", ua))).extracting(Detection::kind, Detection::value)
                .containsExactlyInAnyOrder(tuple("os_version", "Android 4.0.4"), tuple("language", "fr-fr"),
                        tuple("device_model", "GT-P7510"));
    }

    @Test
    void iosVersionIsWrittenWithDots() {
        String ua = "AppleCoreMedia/1.0.0.14C92 (iPhone; U; CPU OS 10_2 like Mac OS X; en_us)"; // real, nDPI netflix.pcap
        assertThat(detect(Leaves.header("User-Agent", ua))).extracting(Detection::kind, Detection::value)
                .containsExactlyInAnyOrder(tuple("device_model", "iPhone"), tuple("os_version", "iOS 10.2"),
                        tuple("language", "en_us"));
    }

    @Test
    void aUserAgentSentInsideAPayloadIsReadToo() {
        assertThat(detect(Leaves.json("$.context.userAgent", "okhttp/4 (Linux; Android 13; SM-S911B)")))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactlyInAnyOrder(tuple("os_version", "Android 13", Confidence.HIGH),
                        tuple("device_model", "SM-S911B", Confidence.MEDIUM));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
            "Zoiper r33688",
            "Battle.net Web Client"})
    void desktopAndReducedUserAgentsNameNoModel(String ua) {
        assertThat(detect(Leaves.header("User-Agent", ua))).extracting(Detection::kind)
                .doesNotContain("device_model");
    }

    @Test
    void desktopBrowsersUserAgentsAreNotReportedAtAll() {
        assertThat(detect(Leaves.header("User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"))).isEmpty();
    }

    @Test
    void otherHeadersAndFieldsAreNotUserAgents() {
        String ua = "Dalvik/2.1.0 (Linux; U; Android 10; Mi 9T Build/QKQ1)";
        assertThat(detect(Leaves.header("X-Client", ua))).isEmpty();
        assertThat(detect(Leaves.json("$.comment", ua))).isEmpty();
    }
}
