package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.core.detect.NodeView;

class GeoDetectorTest {
    private final GeoDetector detector = new GeoDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "query:ll|48.8584,2.2945|48.8584,2.2945",
            "json:$.location|59.32932, 18.06858|59.32932,18.06858",
            "form:latlng|-33.8688;151.2093|-33.8688,151.2093",
            "json:$.anything|geo:37.786971,-122.399677;u=35|37.786971,-122.399677"})
    void latitudeAndLongitudeInOneValueAreHigh(String step, String value, String pair) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, value), true, "api.weather.example", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("geo", pair, Confidence.HIGH));
    }

    @ParameterizedTest
    @CsvSource({"json:$.lat, 48.8584", "form:longitude, -122.399677", "query:lng, 151.2093"})
    void oneCoordinateUnderItsNameIsMedium(String step, String value) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, value), true, "api.weather.example", null)))
                .extracting(Detection::value, Detection::confidence)
                .containsExactly(tuple(value, Confidence.MEDIUM));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "json:$.lat|48.85",                 // a city, not a place
            "json:$.lat|95.1234",               // out of range
            "json:$.lat|0.000",
            "json:$.lat|48.8584.1",
            "query:ll|0",                       // real, from www.nytimes.com.har
            "query:ll|HPBreak",                 // real, from www.nytimes.com.har
            "json:$.ratio|48.8584,2.2945",      // a pair under no telling name
            "json:$.location|AT",               // real, from postdata.har: a country
            "json:$.location|48.8584,2.29"})
    void valuesThatAreNotPreciseCoordinatesAreNotReported(String step, String value) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, value), true, "api.weather.example", null))).isEmpty();
    }
}
