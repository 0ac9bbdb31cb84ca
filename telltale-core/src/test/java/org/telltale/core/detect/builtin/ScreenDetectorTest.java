package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.core.detect.NodeView;

class ScreenDetectorTest {
    private final ScreenDetector detector = new ScreenDetector();

    @Test
    void qualifiedActivityClassAnywhereInALeafIsHigh() {
        String log = "resumed com.android.settings.Settings$WifiSettingsActivity after 120ms";
        assertThat(detector.detect(NodeView.of(Leaves.json("$.log", log), true, "logservice.vendor.example", null)))
                .extracting(Detection::value, Detection::confidence, Detection::start)
                .containsExactly(tuple("com.android.settings.Settings$WifiSettingsActivity", Confidence.HIGH, 8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "json:$.screen|StatusBar|MEDIUM",
            "form:screen_name|Transfer money|MEDIUM",
            "json:$.params.firebase_screen_class|PaymentFragment|HIGH",
            "json:$.current_page|com.bank.app.ui.LoginActivity|HIGH"})
    void valuesUnderScreenFieldNamesAreReported(String step, String value, Confidence confidence) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, value), true, "app-measurement.com", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("screen", value, confidence));
    }

    @Test
    void bareActivityNameAsAWholeValueIsMedium() {
        assertThat(detector.detect(NodeView.of(Leaves.json("$.e.n", "MainActivity"), true, "app-measurement.com", null)))
                .extracting(Detection::confidence).containsExactly(Confidence.MEDIUM);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "query:page|2",                                          // a page number
            "json:$.view|true",
            "query:page|homepage.nytimes.com/index.html",            // real, from www.nytimes.com.har: a web page
            "json:$.activity|{\"steps\":10}",
            "json:$.msg|android.app.Activity",                       // the framework class itself
            "json:$.msg|see UserActivity logs",                      // not qualified, not whole
            "json:$.msg|com.example.activityFeed",
            "json:$.screen|1080x2340"})                              // the screen's size: device_profile's, not an app screen
    void valuesThatNameNoScreenAreNotReported(String step, String value) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, value), true, "app-measurement.com", null))).isEmpty();
    }
}
