package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.DataKinds;
import org.telltale.testkit.CheckedRows;

/**
 * Real app captures from nDPI's test set, read as a user would (analyze --format json): the device's
 * profile, the browsing history and the searches found in them are exactly the ones a person checked
 * (pcap/profile/profile-findings.tsv, one line per kind, value, receiver and place, with its count and
 * judgement), nothing missing and nothing extra.
 */
class RealCaptureProfileTest {
    private static final String GOLDEN = "pcap/profile/profile-findings.tsv";
    /** The real captures, kept once beside the pcap reader's own tests. */
    private static final Path PCAPS = Path.of("../telltale-formats/src/test/resources/pcap");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"KakaoTalk_chat.pcap", "alexa-app.pcapng", "http_ua_splitted_in_two_pkts.pcapng",
            "netflix.pcap", "ocs.pcap", "quickplay.pcap", "starcraft_battle.pcap", "webex.pcap", "xiaomi.pcap"})
    void profileHistoryAndSearchFindingsAreExactlyTheOnesCheckedByHand(String capture) throws Exception {
        Path file = PCAPS.resolve(capture);
        Path out = dir.resolve("r.json");
        CliRun run = CliRun.of("analyze", file.toString(), "--no-attribution", "--format", "json", "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String name = file.getFileName().toString();
        Map<String, Integer> found = new TreeMap<>();
        for (JsonNode f : new ObjectMapper().readTree(out.toFile()).get("findings")) {
            String kind = f.get("kind").asText();
            if (DataKinds.isProfile(kind) || kind.equals("browsing_history") || kind.equals("search")) {
                JsonNode d = f.get("destination");
                String host = d.get("host").isNull() ? d.get("ip").asText() : d.get("host").asText();
                found.merge(String.join("\t", name, kind, f.get("confidence").asText().toUpperCase(java.util.Locale.ROOT),
                        host, f.get("provenance").asText(), f.get("value").asText()), 1, Integer::sum);
            }
        }
        TreeSet<String> actual = new TreeSet<>();
        found.forEach((row, n) -> actual.add(row + "\t" + n));
        TreeSet<String> expected = new TreeSet<>();
        for (String[] row : golden()) {
            if (row[0].equals(name)) {
                expected.add(String.join("\t", List.of(row).subList(0, 7)));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void theTextReportSummarisesTheProfilePerReceiver() {
        Path file = PCAPS.resolve("quickplay.pcap");
        CliRun run = CliRun.of("analyze", file.toString(), "--no-attribution");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // Without attribution the receiver is the host, as the report groups everything; the hosts and
        // request counts are those of the golden file.
        // The headline's first sentence is the user ids quickplay sends (RealAppIdentifiersTest); then the profile.
        assertThat(run.out()).contains(" The device's profile went to 6 receivers in 77 requests.\n")
                .contains("The device's profile, per receiver (--format json lists every finding):\n"
                        + "  The device's profile went to vod-singtelhawk.quickplay.com: device model, OS version (66 requests)\n"
                        + "  The device's profile went to api-singtelhawk.quickplay.com: device model, OS version, network type, "
                        + "language (5 requests)\n"
                        + "  The device's profile went to www.facebook.com: device model, OS version (3 requests)\n"
                        + "  The device's profile went to api.account.xiaomi.com: device model, OS version (1 request)\n"
                        + "  The device's profile went to clients3.google.com: device model, OS version (1 request)\n"
                        + "  The device's profile went to play-singtelhawk.quickplay.com: device model, OS version, language "
                        + "(1 request)\n");
    }

    @Test
    void everyCheckedFindingSaysWhyAndEveryKindWithMoreThanTenFindingsIsAtLeast95PercentRight() {
        Map<String, int[]> byKind = new TreeMap<>(); // kind -> {findings, true ones}
        for (String[] row : golden()) {
            assertThat(row).hasSize(8);
            assertThat(row[7]).matches("(TRUE|FALSE).*\\S.*");
            int n = Integer.parseInt(row[6]);
            int[] counts = byKind.computeIfAbsent(row[1], k -> new int[2]);
            counts[0] += n;
            counts[1] += row[7].startsWith("TRUE") ? n : 0;
        }
        byKind.forEach((kind, c) -> {
            if (c[0] > 10) {
                assertThat((double) c[1] / c[0]).as(kind).isGreaterThanOrEqualTo(0.95);
            }
        });
    }

    private static List<String[]> golden() {
        return CheckedRows.read(RealCaptureProfileTest.class, "/" + GOLDEN);
    }
}
