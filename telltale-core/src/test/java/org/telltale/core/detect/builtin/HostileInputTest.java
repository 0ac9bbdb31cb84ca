package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Payload;
import org.telltale.core.detect.Detectors;
import org.telltale.core.detect.NodeView;

/**
 * Captured content is hostile: whatever bytes a node holds, every detector returns (never throws),
 * reports offsets inside the node, and "matched" is exactly the bytes at those offsets.
 */
class HostileInputTest {
    /** Pieces of what detectors look for, so random input often comes near a match. */
    private static final List<String> FRAGMENTS = List.of(
            "@", "%40", "%3A%2F%2F", "https://", "http://www.", ".com", ".co.uk", "/sdcard", "/storage/emulated/0/",
            "/data/data/com.", "file:///", "Activity", "Fragment", "com.app.", "$", "356938035643809", "0", "9", ":",
            "-", ".", ",", ";", "geo:", "48.8584", "?q=", "&", "=", "google.com/search", "%", "\u00e4", "\u5931",
            "\n", " ", "\u0000", "a4:2b:b0:d3:1c:7e", "38400000-8cf0-11bd-b23e-10b96e40000d");
    private static final List<String> STEPS = List.of(
            "json:$.imei", "form:email", "query:dl", "json:$.location", "query:q", "form:screen", "json:$.mac",
            "query:search", "protobuf:3", "base64", "json:$[0]", "form:phone", "json:$.lat", "query:gaid");
    private static final List<String> LOCATIONS = List.of(
            "request.url", "request.body", "request.header:Referer", "request.cookie:x", "request.header:User-Agent");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomNodesNeverBreakAnyDetector(long seed) {
        Random random = new Random(seed);
        List<Detector> detectors = Detectors.builtIn();
        for (int round = 0; round < 400; round++) {
            byte[] data = randomData(random);
            String location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
            List<String> path = random.nextInt(4) == 0 ? List.of()
                    : List.of(STEPS.get(random.nextInt(STEPS.size())), STEPS.get(random.nextInt(STEPS.size())));
            Payload node = org.telltale.core.TestNodes.payload(location, path, data, null, null);
            boolean leaf = random.nextBoolean();
            String destination = random.nextInt(5) == 0 ? null : "www.google-analytics.com";
            for (Detector detector : detectors) {
                for (Detection d : detector.detect(NodeView.of(node, leaf, destination, null))) {
                    assertThat(d.start()).isBetween(0, d.end());
                    assertThat(d.end()).isLessThanOrEqualTo(data.length);
                    assertThat(d.matched()).isEqualTo(
                            new String(Arrays.copyOfRange(data, d.start(), d.end()), StandardCharsets.UTF_8));
                    assertThat(d.kind()).isEqualTo(detector.name());
                    assertThat(d.canary()).isNull();
                    assertThat(d.value()).isNotEmpty();
                }
            }
        }
    }

    private static byte[] randomData(Random random) {
        StringBuilder sb = new StringBuilder();
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(3) == 0) {
                sb.append((char) random.nextInt(0x3000));
            } else {
                sb.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(4) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // break the UTF-8
        }
        return bytes;
    }
}
