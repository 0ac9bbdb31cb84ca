package org.telltale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class LookupCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new LookupCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        // the bundled data only, whatever the machine's ~/.telltale holds
        String[] withDataDir = new String[args.length + 2];
        withDataDir[0] = "--data-dir";
        withDataDir[1] = "/nonexistent-telltale-data";
        System.arraycopy(args, 0, withDataDir, 2, args.length);
        return command.execute(withDataDir);
    }

    @Test
    void anIpPrintsItsCountryAndNetworkWithTheirDatasets() {
        assertThat(run("87.250.251.77")).isZero();

        assertThat(out.toString())
                .contains("IP country:")
                .containsPattern("RU +\\[ip-location-db/geo-whois-asn-country 2\\.3\\.\\d+ \\(country of registration")
                .contains("AS13238 YANDEX LLC  [ip-location-db/asn 2.3.");
    }

    @Test
    void aNameGivesDomainFactsAndSaysItWasNotResolved() {
        assertThat(run("tracking.intl.miui.com")).isZero();

        assertThat(out.toString())
                .contains("organisation:       Xiaomi  [telltale-vendors 3]")
                .contains("head office:        CN")
                .doesNotContain("tracker:")
                .contains("a name is not resolved")
                .doesNotContain("IP country:");
    }

    @Test
    void hostAtIpGivesBothKindsOfFactsAsJson() throws IOException {
        assertThat(run("--format", "json", "sa.api.intl.miui.com@161.117.13.29", "8.8.8.8")).isZero();

        JsonNode results = JsonMapper.builder().build().readTree(out.toString());
        assertThat(results).hasSize(2);
        JsonNode first = results.get(0);
        assertThat(first.path("organization").asText()).isEqualTo("Xiaomi");
        assertThat(first.path("country").asText()).isEqualTo("SG");
        assertThat(first.path("asn").asLong()).isEqualTo(45102);
        assertThat(first.path("sources").path("asn").asText()).startsWith("ip-location-db/asn");
        assertThat(results.get(1).path("asOrg").asText()).isEqualTo("Google LLC");
        assertThat(results.get(1).path("organization").isNull()).isTrue();
    }

    @Test
    void badArgumentsAndFormatsExitWithTwo() {
        assertThat(run("host@notanip")).isEqualTo(2);
        assertThat(err.toString()).contains("not a host, IP or HOST@IP");
        assertThat(run("--format", "xml", "8.8.8.8")).isEqualTo(2);
        assertThat(new CommandLine(new LookupCommand()).setErr(new PrintWriter(new StringWriter())).execute()).isEqualTo(2);
    }
}
