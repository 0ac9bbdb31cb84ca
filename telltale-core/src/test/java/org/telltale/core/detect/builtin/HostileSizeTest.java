package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Payload;
import org.telltale.core.detect.Detectors;
import org.telltale.testkit.HostileText;
import org.telltale.core.detect.NodeView;

/**
 * Every built-in detector is linear in its input, and a unit test cannot time that (a loaded
 * machine is not a slow detector; the figures are DetectorCostBenchmark's). What a test can hold:
 * on a MiB of each hostile text, under each field name that makes some detector look harder, every
 * detector returns, within its per-node bound, and finds nothing in text that holds no one's data.
 * The timeout only keeps a quadratic detector from hanging the build: before EmailDetector was made
 * linear, one MiB of '@' took it 49 s.
 */
class HostileSizeTest {
    /** Steps whose field name switches a detector to its search anywhere in the value. */
    private static final List<String> TELLING_STEPS = List.of(
            "json:$.imei", "json:$.android_id", "json:$.gaid", "json:$.mac", "form:email", "form:phone",
            "json:$.location", "json:$.lat", "form:screen", "query:dl", "form:search");

    @ParameterizedTest(name = "{0}")
    @EnumSource(HostileText.class)
    void everyDetectorGetsThroughAMebibyteWithinItsBound(HostileText hostile) {
        List<Payload> nodes = nodes(hostile.bytes(HostileText.MIB));
        List<Detection> found = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (Payload node : nodes) {
                for (Detector detector : Detectors.builtIn()) {
                    for (boolean leaf : new boolean[] {true, false}) {
                        List<Detection> some = detector.detect(NodeView.of(node, leaf, "collector.example.net", null));
                        assertThat(some).as("%s on %s under %s", detector.name(), hostile, node.path())
                                .hasSizeLessThanOrEqualTo(Found.MAX_PER_NODE);
                        found.addAll(some);
                    }
                }
            }
        });
        if (hostile == HostileText.FILE_URLS) {
            // "file:///file:///..." does read as one file URL at the start of the node; the repeats after it
            // follow a '/' and so start no path of their own.
            assertThat(found).extracting(Detection::kind, Detection::start).containsOnly(
                    tuple("file_path", 0));
        } else {
            assertThat(found).as("no one's data in %s", hostile).isEmpty();
        }
    }

    private static List<Payload> nodes(byte[] data) {
        List<Payload> nodes = new ArrayList<>();
        nodes.add(Payload.root("request.body", data, "text/plain", null));
        for (String step : TELLING_STEPS) {
            String location = step.startsWith("query:") ? "request.url" : "request.body";
            nodes.add(org.telltale.core.TestNodes.payload(location, List.of(step), data, null, null));
        }
        return nodes;
    }
}
