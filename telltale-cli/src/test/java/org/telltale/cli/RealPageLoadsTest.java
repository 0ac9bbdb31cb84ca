package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.core.Sites;

/**
 * Whole page loads recorded by real browsers (sitespeedio/pagexray), analysed with no canary: the
 * built-in detectors report the visited page sent to third parties and nothing they cannot back.
 */
class RealPageLoadsTest {
    // The fixtures live once in the formats module, which tests its HAR reader on them.
    private static final Path HARS = Path.of("../telltale-formats/src/test/resources/har");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"www.nytimes.com.har, 328, www.nytimes.com", "expressen.har, 607, www.expressen.se"})
    void onlyTheVisitedPageIsReportedAsBrowsingHistory(String file, int flows, String page) throws Exception {
        Path out = dir.resolve("r.json");
        CliRun run = CliRun.of("analyze", HARS.resolve(file).toString(), "--format", "json", "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertThat(r.get("flows")).hasSize(flows);
        Set<String> kinds = new TreeSet<>();
        Set<String> historyHosts = new TreeSet<>();
        for (JsonNode f : r.get("findings")) {
            kinds.add(f.get("kind").asText());
            if (f.get("kind").asText().equals("browsing_history")) {
                historyHosts.add(URI.create(f.get("value").asText()).getHost());
                assertThat(f.get("destination").get("registrable_domain").asText())
                        .as("a page's own site is not a third party").isNotEqualTo(Sites.registrableDomain(page));
            }
        }
        assertThat(historyHosts).containsExactly(page);
        // One known false alarm stays on the nytimes page: an ad template's placeholder "query=qstring".
        assertThat(kinds).isSubsetOf("browsing_history", "search", "shared_id");
        assertThat(r.get("findings").findValuesAsText("kind").stream().filter("search"::equals).count())
                .isLessThanOrEqualTo(1);
    }
}
