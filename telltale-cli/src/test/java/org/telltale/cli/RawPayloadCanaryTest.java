package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canaries are searched in the raw bytes a client sent on a TCP connection no parser reads. On nDPI's
 * starcraft_battle.pcap the StarCraft II client sends the player's e-mail address in cleartext in the
 * first segment of its Battle.net connection (192.168.1.100:3517 -> 213.248.127.130:1119, tcp.stream 21);
 * tshark's {@code follow,tcp,raw,21} puts it at bytes 42 to 65 of what the client sent. The player's
 * name ("Matteo", "Bracci") is in the capture too, but only in what the server sent back.
 */
class RawPayloadCanaryTest {
    private static final Path PCAPS = Path.of("../telltale-formats/src/test/resources/pcap");
    private static final String EMAIL = "matteobracci1@gmail.com";

    @TempDir
    Path dir;

    private Path canaries(String... lines) throws Exception {
        return Files.writeString(dir.resolve("canaries.yaml"), "canaries:\n" + String.join("\n", lines) + "\n");
    }

    private Path capture() throws Exception {
        return Files.copy(PCAPS.resolve("starcraft_battle.pcap"), dir.resolve("starcraft_battle.pcap"));
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Each canary finding as "canary kind location start-end flow-method flow-url transform". */
    private static List<String> canaryFindings(JsonNode r) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : r.get("findings")) {
            if (f.hasNonNull("canary")) {
                JsonNode flow = flowOf(r, f);
                out.add(f.get("canary").asText() + " " + f.get("kind").asText() + " " + f.get("location").asText()
                        + " " + f.get("start").asInt() + "-" + f.get("end").asInt() + " " + flow.get("method").asText()
                        + " " + flow.get("url").asText() + " " + f.get("transform").asText());
            }
        }
        return out;
    }

    private static JsonNode canaryFinding(JsonNode r) {
        for (JsonNode f : r.get("findings")) {
            if (f.hasNonNull("canary")) {
                return f;
            }
        }
        throw new AssertionError("no canary finding");
    }

    private static JsonNode flowOf(JsonNode r, JsonNode finding) {
        for (JsonNode flow : r.get("flows")) {
            if (flow.get("index").asInt() == finding.get("flow").asInt()) {
                return flow;
            }
        }
        throw new AssertionError("no flow " + finding.get("flow"));
    }

    private JsonNode analyze(Path in, Path canaryFile, String name) throws Exception {
        Path out = dir.resolve(name);
        CliRun run = CliRun.of("analyze", in.toString(), "--canaries", canaryFile.toString(), "--format", "json",
                "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return json(out);
    }

    @Test
    void anEmailInTheGamesOwnProtocolIsFoundWithItsConnectionAndOffset() throws Exception {
        Path c = canaries("  - {id: my-email, type: email, value: \"" + EMAIL + "\"}");

        JsonNode r = analyze(capture(), c, "r.json");

        assertThat(canaryFindings(r)).containsExactly(
                "my-email email tcp.payload 42-65 TCP tcp://213.248.127.130:1119 plain");
        JsonNode f = canaryFinding(r);
        JsonNode flow = flowOf(r, f);
        assertThat(flow.get("origin").asText()).as("the packet of the client's first bytes, tshark's frame 333")
                .isEqualTo("packet 333");
        assertThat(f.get("matched").asText()).isEqualTo(EMAIL);
        assertThat(f.get("destination").get("port").asInt()).isEqualTo(1119);
    }

    @Test
    void theHtmlReportShowsTheClientsBytesAsTheEvidence() throws Exception {
        Path c = canaries("  - {id: my-email, type: email, value: \"" + EMAIL + "\"}");
        Path out = dir.resolve("r.html");

        CliRun run = CliRun.of("analyze", capture().toString(), "--canaries", c.toString(), "--format", "html",
                "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(out);
        assertThat(html).contains("\"label\":\"tcp.payload\"").contains("\"location\":\"tcp.payload\"")
                .doesNotContain("holds no exchange").doesNotContain("has no root");
    }

    /**
     * The router's SSDP announcements (192.168.1.254:38605 -> 239.255.255.250:1900, frames 29 to 39) carry
     * its MAC address, 84:26:15:3e:75:c4, without separators at the end of its UPnP UUID. tshark's
     * {@code -Y udp.dstport==1900 -T fields -e udp.payload}, datagrams one after another, has it at these
     * offsets 201, 249, 604, ... 4342 (fifteen times: twice in the datagrams that name the UUID in both NT
     * and USN). As everywhere in Telltale a value is one finding per place, at its first occurrence.
     */
    @Test
    void aMacInsideUdpAnnouncementsIsFoundAtItsFirstOffset() throws Exception {
        Path c = canaries("  - {id: router-mac, type: mac, value: \"84:26:15:3E:75:C4\"}");

        JsonNode r = analyze(capture(), c, "r.json");

        assertThat(canaryFindings(r)).containsExactly(
                "router-mac mac udp.payload 201-213 UDP udp://239.255.255.250:1900 plain");
        assertThat(r.get("opaque")).filteredOn(o -> o.get("protocol").asText().equals("udp"))
                .as("a UDP flow is listed when a canary was found in it, and only then")
                .extracting(o -> o.get("origin").asText()).containsExactly("packet 29");
    }

    @Test
    void valuesNotSentByTheClientAreNotFound() throws Exception {
        Path c = canaries("  - {id: other-email, type: email, value: \"someone.else@example.org\"}",
                "  - {id: first-name, type: text, value: \"Matteo\"}",
                "  - {id: last-name, type: text, value: \"Bracci\"}");

        JsonNode r = analyze(capture(), c, "r.json");

        assertThat(canaryFindings(r)).as("the name came only from the server; the other address never appears")
                .isEmpty();
    }

    @Test
    void analysingTheCaseFindsWhatTheDirectRunFound() throws Exception {
        Path c = canaries("  - {id: my-email, type: email, value: \"" + EMAIL + "\"}");
        Path pcap = capture();
        JsonNode direct = analyze(pcap, c, "direct.json");
        Path study = dir.resolve("study.case");
        CliRun imported = CliRun.of("import", pcap.toString(), "--case", study.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        JsonNode fromCase = analyze(study, c, "case.json");

        assertThat(canaryFindings(fromCase)).containsExactly(
                "my-email email tcp.payload 42-65 TCP tcp://213.248.127.130:1119 plain");
        assertThat(fromCase.get("findings")).isEqualTo(direct.get("findings"));
    }
}
