package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example, the 2020 case replayed, gives the findings a person would check by hand. */
class ExampleCaseTest {
    @TempDir
    Path dir;

    private JsonNode analyze() throws Exception {
        Path har = TestFiles.copy("example/capture.har", dir);
        Path canaries = TestFiles.copy("example/planted.yaml", dir);
        Path out = dir.resolve("result.json");
        CliRun run = CliRun.of("analyze", har.toString(), "--canaries", canaries.toString(), "--format", "json",
                "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    private static List<String> leaks(JsonNode result) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode f : result.get("findings")) {
            if (!f.get("canary").isNull()) {
                pairs.add(f.get("flow").asInt() + ":" + f.get("canary").asText());
            }
        }
        return pairs.stream().distinct().sorted().toList();
    }

    @Test
    void everyPlantedValueIsFoundWhereItLeftAndOnlyThere() throws Exception {
        JsonNode result = analyze();
        assertThat(result.get("flows")).hasSize(12);
        assertThat(leaks(result)).containsExactly("10:visit-incognito", "11:phone-imei", "1:search-weather",
                "4:visit-private", "5:visit-private", "6:folder", "8:search-incognito");
    }

    @Test
    void theSearchHiddenInBase64GzipJsonShowsItsWholePath() throws Exception {
        JsonNode result = analyze();
        List<String> paths = new ArrayList<>();
        for (JsonNode f : result.get("findings")) {
            if ("search-incognito".equals(f.get("canary").asText())) {
                assertThat(f.get("session").asText()).isEqualTo("incognito");
                assertThat(f.get("location").asText()).isEqualTo("request.body");
                assertThat(f.get("destination").get("host").asText()).isEqualTo("tracking.intl.miui.com");
                assertThat(f.get("destination").get("ip").asText()).isEqualTo("161.117.13.29");
                paths.add(String.join(" > ", new ObjectMapper().convertValue(f.get("path"), String[].class)));
            }
        }
        assertThat(paths).contains("form:data_list > base64 > gzip > json:$[0].properties.query");
    }

    @Test
    void theHashedImeiIsFoundAsMd5() throws Exception {
        JsonNode result = analyze();
        JsonNode imei = null;
        for (JsonNode f : result.get("findings")) {
            if ("phone-imei".equals(f.get("canary").asText())) {
                imei = f;
            }
        }
        assertThat(imei).isNotNull();
        assertThat(imei.get("transform").asText()).isEqualTo("md5");
        byte[] digest = java.security.MessageDigest.getInstance("MD5")
                .digest("860461034812340".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(imei.get("matched").asText()).isEqualToIgnoringCase(java.util.HexFormat.of().formatHex(digest));
    }

    @Test
    void visitsAndSearchesThatWentWhereTheyWereAllowedAreCountedAsExpected() throws Exception {
        JsonNode result = analyze();
        List<String> expected = new ArrayList<>();
        for (JsonNode e : result.get("expected")) {
            expected.add(e.get("flow").asInt() + ":" + e.get("canary").asText());
        }
        assertThat(expected).contains("0:search-weather", "2:visit-private", "3:visit-private",
                "7:search-incognito", "9:visit-incognito");
    }

    @Test
    void theTextReportLeadsWithOneSentenceOfWhatHappened() throws Exception {
        Path har = TestFiles.copy("example/capture.har", dir);
        Path canaries = TestFiles.copy("example/planted.yaml", dir);
        CliRun run = CliRun.of("analyze", har.toString(), "--canaries", canaries.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().findFirst().orElse("")).startsWith(
                "6 planted values left this device in 7 requests to 4 hosts; of those requests, 3 were during "
                        + "the incognito session.");
        // The path cell wraps after a step; both halves are in the table.
        assertThat(run.out()).contains("request.body > form:data_list > base64 > gzip >")
                .contains("json:$[0].properties.query");
        assertThat(run.out()).contains("tracking.rus.miui.com [185.218.176.10] - Xiaomi (CN), server in RU, AS45102");
    }
}
