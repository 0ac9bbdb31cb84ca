package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.core.Sites;

/**
 * The cross-exchange stage on real page loads (sitespeedio/pagexray HARs): the IDs that reached two
 * companies or more, found by hand first (every parameter, cookie and base64 value of every request
 * grouped by the registrable domains it reached, then each judged), are exactly the shared_id
 * findings, each with the domains it reached; a case analysed again gives the same findings; and
 * --no-cross-exchange takes away those findings and nothing else.
 */
class SharedIdsTest {
    private static final Path HARS = Path.of("../telltale-formats/src/test/resources/har");

    @TempDir
    Path dir;

    /**
     * Judged by hand, all true: cookie-sync IDs of ad companies (RocketFuel's 786792932447527911 to
     * seventeen domains, its xplusone IDs "BQ-..." and "BS-...", DataXu's, Neustar's, a Google
     * "push" token to Simpli.fi, a Google ID RocketFuel keeps and passes to AppNexus) and the site's
     * own or its scripts' first-party IDs also sent to third parties (NYT's nyt-a and RMID cookies,
     * Chartbeat's, Keywee's, Dynamic Yield's signed 64-bit ID). Left out by design, as under 64 bits:
     * Krux's 8-character "KBj6rbe8" that it syncs with LiveRamp, AppNexus and Google.
     */
    private static final Map<String, String> NYTIMES = Map.ofEntries(
            Map.entry("-1378101304145867844", "dynamicyield.com nytimes.com"),
            Map.entry("002003017010002515991", "agkn.com krxd.net"),
            Map.entry("007f0101480b55e20bb8000c", "krxd.net nytimes.com"),
            Map.entry("1CAESEKE2LJTrMod96PiBNjtMw5s", "adnxs.com rfihub.com"),
            Map.entry("3593076e248514dfbe9a6d95f9b4c9bb", "google-analytics.com nytimes.com tagsrvcs.com"),
            Map.entry("3cf9c76ab6e23eb4", "keywee.co nytimes.com"),
            Map.entry("3face34f-651a-4d12-89b0-707365caa4bc", "bidswitch.net smartadserver.com switchads.com"),
            Map.entry("786792932447527911", "adadvisor.net adap.tv adnxs.com advertising.com agkn.com bidswitch.net "
                    + "casalemedia.com demdex.net doubleclick.net liverail.com openx.net pubmatic.com rfihub.com "
                    + "rlcdn.com ru4.com rubiconproject.com tapad.com"),
            Map.entry("AHNF13KW4zuY-5OyL4EYZx-W-ZWOWuBmkwP8hq8", "doubleclick.net simpli.fi"),
            Map.entry("B1CoWUC56dq4BV6rQi", "chartbeat.net nytimes.com"),
            Map.entry("BQ-00000003020551370", "adnxs.com doubleclick.net krxd.net openx.net ru4.com"),
            Map.entry("BS-00000003020944668", "krxd.net ru4.com"),
            Map.entry("CHUz7sBf1zvM3H2", "doubleclick.net krxd.net twitter.com w55c.net"),
            Map.entry("DFNYfwBLH9QXyi2xyBbqR5IBhmXjx", "chartbeat.net nytimes.com"));

    /**
     * Judged by hand, all true (three page loads, so three IDs per company): Kantar Sifo's
     * (research-int.se), Glimr's and Lystra's IDs kept in expressen.se cookies; Tapad syncing with
     * The Trade Desk (adsrvr.org), Neustar (agkn.com) and PubMatic. Left out by design, as under 64
     * bits: Richmetrics' 12-character IDs ("P2JCJGE4TBWH") also kept in expressen.se cookies.
     */
    private static final Map<String, String> EXPRESSEN = Map.ofEntries(
            Map.entry("0b1660cd-9d18-42fd-a169-19d2669fd365", "expressen.se research-int.se"),
            Map.entry("124eb1b7-3458-43e2-9611-4509cc863e90", "expressen.se glimr.io"),
            Map.entry("2cdf6db5-bb0e-499c-ab01-0e66e6171594", "adsrvr.org tapad.com"),
            Map.entry("48a3d680-8c7a-4ad8-b8aa-a59a79c05d4b", "expressen.se research-int.se"),
            Map.entry("67174557-40f4-4fd4-9b38-1d7740939a77", "expressen.se glimr.io"),
            Map.entry("68a70cf4-c8e9-4c10-bc08-2f95d9016611", "adsrvr.org tapad.com"),
            Map.entry("B2FB55D1-8AD6-47DD-850A-A7AAB255F0B7", "agkn.com pubmatic.com tapad.com"),
            Map.entry("F28AE3F6-9A8B-4034-B9EF-EC7CFED85A6A", "agkn.com pubmatic.com tapad.com"),
            Map.entry("F5184BB3-0121-4C87-97F8-4BDD1112531D", "agkn.com pubmatic.com tapad.com"),
            Map.entry("af07c7f6-6caa-426f-8277-6e402a2e8508", "expressen.se glimr.io"),
            Map.entry("df972a74-d5e2-49de-a3ee-8e2ed2b23e0e", "adsrvr.org tapad.com"),
            Map.entry("f6a164d7b74eebe4065e4d3ae88817e3", "expressen.se lystra.se"),
            Map.entry("fdf075e8-1890-454c-bd64-a8a6ceb8beea", "expressen.se research-int.se"));

    @Test
    void cookieSyncIdsOnTheNewYorkTimesPageAreExactlyThoseJudgedByHand() throws Exception {
        assertThat(sharedIds(analyze(HARS.resolve("www.nytimes.com.har")))).isEqualTo(new TreeMap<>(NYTIMES));
    }

    @Test
    void idsSharedOnExpressenAreExactlyThoseJudgedByHand() throws Exception {
        assertThat(sharedIds(analyze(HARS.resolve("expressen.har")))).isEqualTo(new TreeMap<>(EXPRESSEN));
    }

    @Test
    void eachSharedIdFindingSaysWhereTheValueWasFirstSeen() throws Exception {
        JsonNode r = analyze(HARS.resolve("www.nytimes.com.har"));
        Map<String, Integer> firstFlow = new TreeMap<>();
        for (JsonNode f : r.get("findings")) {
            if (f.get("kind").asText().equals("shared_id")) {
                JsonNode seen = f.get("first_seen");
                assertThat(seen.get("kind").asText()).isEqualTo("shared_id");
                assertThat(seen.get("flow").asInt()).isLessThanOrEqualTo(f.get("flow").asInt());
                firstFlow.merge(f.get("value").asText(), f.get("flow").asInt(), Math::min);
                assertThat(seen.get("flow").asInt()).isEqualTo(firstFlowOf(r, f.get("value").asText()));
            } else if (!f.get("first_seen").isNull()) {
                // an identifier learned in another request: it keeps the kind it was found as there
                assertThat(f.get("first_seen").get("kind").asText()).as(f.toString()).isEqualTo(f.get("kind").asText());
                assertThat(f.get("first_seen").get("flow").asInt()).as(f.toString()).isNotEqualTo(f.get("flow").asInt());
            }
        }
        assertThat(firstFlow.get("786792932447527911")).isEqualTo(192);
    }

    @Test
    void aCaseAnalysedAgainGivesTheSameFindingsAsTheDirectRun() throws Exception {
        Path har = HARS.resolve("www.nytimes.com.har");
        JsonNode direct = analyze(har);
        Path kase = dir.resolve("ny.case");
        CliRun imported = CliRun.of("import", har.toString(), "--case", kase.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode fromCase = analyze(kase);
        assertThat(fromCase.get("findings")).isEqualTo(direct.get("findings"));
        // and the stored run, replayed by export, holds them too
        Path exported = dir.resolve("run.json");
        CliRun export = CliRun.of("export", kase.toString(), "--format", "json", "-o", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode stored = new ObjectMapper().readTree(exported.toFile());
        // as the case plays it back: each flow's learned findings right after its own
        assertThat(sorted(stored.get("findings"))).isEqualTo(sorted(direct.get("findings")));
    }

    @Test
    void withoutCrossExchangeOnlyTheLearnedFindingsAreGone() throws Exception {
        Path har = HARS.resolve("www.nytimes.com.har");
        JsonNode both = analyze(har);
        JsonNode one = analyze(har, "--no-cross-exchange");
        // destination_id indexes the destinations table, which the learned findings' receivers add to.
        List<JsonNode> kept = new ArrayList<>();
        both.get("findings").forEach(f -> {
            if (f.get("first_seen").isNull()) {
                kept.add(((com.fasterxml.jackson.databind.node.ObjectNode) f.deepCopy()).without("destination_id"));
            }
        });
        assertThat(kept).hasSizeLessThan(both.get("findings").size());
        List<JsonNode> alone = new ArrayList<>();
        one.get("findings").forEach(f -> alone.add(((com.fasterxml.jackson.databind.node.ObjectNode) f.deepCopy())
                .without("destination_id")));
        assertThat(alone).isEqualTo(kept);
        assertThat(alone).noneMatch(f -> f.get("kind").asText().equals("shared_id"));
        assertThat(one.get("flows")).isEqualTo(both.get("flows"));
    }

    @Test
    void theTextReportListsEachSharedIdOnceWithEveryOrganisation() throws Exception {
        CliRun run = CliRun.of("analyze", HARS.resolve("expressen.har").toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = run.out().lines().filter(l -> l.contains("shared_id \"")).toList();
        assertThat(rows).hasSize(EXPRESSEN.size());
        assertThat(rows).anySatisfy(l -> assertThat(l)
                .contains("shared_id \"B2FB55D1-8AD6-47DD-850A-A7AAB").contains("3 organisations: Neustar, PubMatic,"));
    }

    @Test
    void aSessionIdSentToOneCompanysServersIsNotSharedWithOrWithoutAttributionShown() throws Exception {
        // Netflix's player sends one X-Playback-Session-Id to three of its CDN servers, known by IP alone
        // (AS2906): one company, so no shared ID, also when --no-attribution hides who they are.
        Path pcap = Path.of("src/test/resources/pcap/netflix-playback.pcap");
        for (String[] more : List.of(new String[0], new String[] {"--no-attribution"})) {
            JsonNode r = analyze(pcap, more);
            assertThat(r.get("flows")).hasSize(8);
            assertThat(sharedIds(r)).as(String.join(" ", more)).isEmpty();
        }
    }

    @Test
    void whatIsSharedDoesNotDependOnNoAttribution() throws Exception {
        Path har = HARS.resolve("expressen.har");
        assertThat(sharedIds(analyze(har, "--no-attribution")).keySet()).isEqualTo(EXPRESSEN.keySet());
    }

    private static List<String> sorted(JsonNode findings) {
        List<String> out = new ArrayList<>();
        // destination_id numbers the destinations table, which export builds afresh
        findings.forEach(f -> out.add(f.get("flow").asInt() + 100_000 + " "
                + ((com.fasterxml.jackson.databind.node.ObjectNode) f.deepCopy()).without("destination_id")));
        out.sort(null);
        return out;
    }

    private static int firstFlowOf(JsonNode r, String value) {
        int min = Integer.MAX_VALUE;
        for (JsonNode f : r.get("findings")) {
            if (f.get("kind").asText().equals("shared_id") && f.get("value").asText().equals(value)) {
                min = Math.min(min, f.get("flow").asInt());
            }
        }
        return min;
    }

    /** Each shared ID to the registrable domains its requests went to, space-separated in order. */
    private static Map<String, String> sharedIds(JsonNode r) {
        Map<String, TreeSet<String>> domains = new TreeMap<>();
        for (JsonNode f : r.get("findings")) {
            if (f.get("kind").asText().equals("shared_id")) {
                domains.computeIfAbsent(f.get("value").asText(), k -> new TreeSet<>())
                        .add(Sites.registrableDomain(f.get("destination").get("host").asText()));
            }
        }
        Map<String, String> out = new TreeMap<>();
        domains.forEach((v, d) -> out.put(v, String.join(" ", d)));
        return out;
    }

    private JsonNode analyze(Path input, String... more) throws Exception {
        Path out = dir.resolve("r" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("analyze", input.toString(), "--format", "json", "--output",
                out.toString(), "--no-progress"));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }
}
