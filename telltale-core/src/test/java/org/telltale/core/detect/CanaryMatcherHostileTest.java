package org.telltale.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.testkit.HostileText;
import org.telltale.testkit.corpus.LeakCorpus;

/**
 * The canary matcher on a MiB of each hostile text, with a thousand generated canaries and one
 * canary made of the text's own unit, so that it matches at nearly every byte: it returns within
 * its per-node bound and still finds that canary where it stands on its own. The timeout is a hang guard, not a speed target;
 * the figures are DetectorCostBenchmark's.
 */
class CanaryMatcherHostileTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(HostileText.class)
    void aMebibyteOfHostileTextStaysWithinTheBoundAndTheMatchingCanaryIsFound(HostileText hostile) {
        List<Canary> canaries = new ArrayList<>(LeakCorpus.generate(7, 1, 1000).canaries().canaries());
        canaries.add(new Canary("unit", CanaryType.TEXT, hostile.unit().repeat(8), List.of()));
        CanaryMatcher matcher = new CanaryMatcher(canaries);
        Payload node = Payload.root("request.body", hostile.bytes(HostileText.MIB), "text/plain", null);
        List<Detection> found = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> matcher.detect(NodeView.of(node, true, "collector.example.net", null)));
        assertThat(found).hasSizeLessThanOrEqualTo(CanaryMatcher.MAX_MATCHES_PER_NODE);
        if (hostile == HostileText.DIGITS) {
            // Inside a MiB-long run of digits the canary's digits are part of someone else's number.
            assertThat(found).extracting(Detection::canary).doesNotContain("unit");
        } else {
            assertThat(found).extracting(Detection::canary).contains("unit");
        }
    }
}
