package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.DataKinds;
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
        // Besides the page: the identifiers in its cookies and cookie-sync URLs (judged in telltale-core's
        // har-findings.tsv), the IDs shared among ad companies and the browser's profile (language, screen size, time zone); the nytimes ad
        // template's placeholder "query=qstring" is no search.
        assertThat(kinds.stream().filter(k -> !DataKinds.isProfile(k)).toList()).isSubsetOf("browsing_history",
                "cookie_id", "browser_id", "user_id", "device_id", "shared_id");
        assertThat(kinds).contains("browsing_history", "cookie_id", "language", "screen_size", "time_zone");
    }

    /**
     * The nytimes front page goes as Referer to the paper's static hosts on nyt.com (a1, int, s1, static01: 64
     * requests, read from the HAR by hand) and to ad and analytics hosts. Planted as a visited URL, it is
     * expected at nyt.com, allowed by the organisation that runs both sites (telltale-entities), and a leak
     * everywhere else; the built-in history detector does not report the nyt.com sends either. The
     * organisation table, like the tracker lists, decides findings, so --no-attribution gives the same.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theFrontPageSentToThePapersOwnStaticDomainIsExpectedAndNamesTheOrganisation(boolean noAttribution)
            throws Exception {
        Path canaries = dir.resolve("visit.yaml");
        java.nio.file.Files.writeString(canaries, "canaries:\n  - id: front\n    type: url\n    value: \"http://www.nytimes.com/\"\n");
        Path out = dir.resolve("r.json");
        List<String> args = new java.util.ArrayList<>(List.of("analyze", HARS.resolve("www.nytimes.com.har").toString(),
                "--canaries", canaries.toString(), "--format", "json", "--output", out.toString()));
        if (noAttribution) {
            args.add("--no-attribution");
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());

        Set<String> byOrganisation = new TreeSet<>();
        int byOrganisationCount = 0;
        for (JsonNode e : r.get("expected")) {
            if (e.get("allowed_by").asText().equals("The New York Times Company")) {
                byOrganisation.add(e.get("host").asText());
                byOrganisationCount++;
            }
        }
        assertThat(byOrganisation).containsExactly("a1.nyt.com", "int.nyt.com", "s1.nyt.com", "static01.nyt.com");
        assertThat(byOrganisationCount).isEqualTo(64);
        Set<String> leakedTo = new TreeSet<>();
        for (JsonNode f : r.get("findings")) {
            if (f.get("canary").asText().equals("front") || f.get("kind").asText().equals("browsing_history")) {
                leakedTo.add(f.get("destination").get("host").asText());
            }
        }
        assertThat(leakedTo).hasSizeGreaterThan(30).contains("ib.adnxs.com", "nytimes.activate.ensighten.com")
                .noneMatch(host -> host.endsWith(".nyt.com") || host.endsWith(".nytimes.com"));
    }
}
