package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.core.detect.Detectors;
import org.telltale.core.detect.NodeView;
import org.telltale.testkit.CheckedRows;

/**
 * Runs every built-in detector over every string sent in real captured HAR files and compares
 * the findings with a list checked by hand (detect/har-findings.tsv). A finding not on the list is
 * a false alarm until a person says otherwise; one missing from it is a lost true finding.
 */
class RealHarFindingsTest {
    static final List<String> FILES = List.of(
            "expressen.har", "www.nytimes.com.har", "charles.har", "chrome.har", "firefox.har",
            "head-content-length.har", "insomnia.har", "postdata.har", "safari.har");

    /** One finding as a line: file, kind, confidence, where, value. */
    static TreeSet<String> findings() throws IOException {
        TreeSet<String> lines = new TreeSet<>();
        List<Detector> detectors = Detectors.builtIn();
        for (String file : FILES) {
            for (HarRequests.Node n : HarRequests.nodes("/detect/har/" + file)) {
                for (Detector detector : detectors) {
                    for (Detection d : detector.detect(NodeView.of(n.node(), n.leaf(), n.destination(), null))) {
                        String where = org.telltale.api.Steps.provenance(n.node().location(), n.node().path());
                        lines.add(String.join("\t", file, d.kind(), d.confidence().name(), n.destination(), where,
                                d.value().replace('\t', ' ').replace('\n', ' ')));
                    }
                }
            }
        }
        return lines;
    }

    static List<String[]> golden() {
        return CheckedRows.read(RealHarFindingsTest.class, "/detect/har-findings.tsv");
    }

    @Test
    void findingsInRealCapturesAreExactlyTheOnesCheckedByHand() throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        for (String[] row : golden()) {
            expected.add(String.join("\t", List.of(row).subList(0, 6)));
        }
        assertThat(findings()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyCheckedFindingSaysWhyItIsRight() throws IOException {
        assertThat(golden()).allSatisfy(row -> {
            assertThat(row).hasSize(7);
            assertThat(row[6]).isNotBlank();
        });
    }

    public static void main(String[] args) throws IOException {
        findings().forEach(System.out::println);
    }
}
