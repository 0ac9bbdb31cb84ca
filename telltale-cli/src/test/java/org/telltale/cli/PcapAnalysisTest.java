package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;
import org.telltale.testkit.pcap.PcapNgFileWriter;
import org.telltale.testkit.pcap.TcpScript;

/** Packet captures go through the same engine as HAR files, with attribution of every server. */
class PcapAnalysisTest {
    private static final String KEY_LOG = "CLIENT_RANDOM 4f0c7b8e11 0a1b2c3d4e5f\nCLIENT_RANDOM 5a6b7c8d99 ffeeddccbbaa\n";

    @TempDir
    Path dir;

    private Path capture() throws Exception {
        Path file = dir.resolve("phone.pcapng");
        String body = "imei=860461034812340&model=Redmi";
        TcpScript tcp = TcpScript.between("10.0.0.7", 51544, "161.117.13.29", 80).handshake()
                .clientSends("POST /track HTTP/1.1\r\nHost: tracking.intl.miui.com\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body)
                .serverSends("HTTP/1.1 204 No Content\r\n\r\n").close();
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapNgFileWriter w = new PcapNgFileWriter(out).section(ByteOrder.LITTLE_ENDIAN)
                    .interfaceBlock(LinkFraming.ETHERNET.linkType(), 65535, 6)
                    .decryptionSecrets(KEY_LOG);
            for (Packet p : tcp.packets(Instant.parse("2020-04-21T09:12:00Z"))) {
                w.enhancedPacket(0, p.time(), LinkFraming.ETHERNET.frame(p.ip()));
            }
        }
        return file;
    }

    @Test
    void aPlantedImeiSentOverPlainHttpIsFoundWithItsServer() throws Exception {
        Path canaries = Files.writeString(dir.resolve("c.yaml"), "canaries:\n  - {id: imei, type: imei, value: \"860461034812340\"}\n"
                + "sessions:\n  - {label: incognito, start: 2020-04-21T09:10:00Z, end: 2020-04-21T09:20:00Z}\n");
        Path out = dir.resolve("r.json");
        CliRun run = CliRun.of("analyze", capture().toString(), "--canaries", canaries.toString(), "--format", "json",
                "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        JsonNode flow = r.get("flows").get(0);
        assertThat(flow.get("url").asText()).isEqualTo("http://tracking.intl.miui.com/track");
        assertThat(flow.get("server_ip").asText()).isEqualTo("161.117.13.29");
        assertThat(flow.get("session").asText()).isEqualTo("incognito");
        JsonNode f = r.get("findings").get(0);
        assertThat(f.get("canary").asText()).isEqualTo("imei");
        assertThat(f.get("path").get(0).asText()).isEqualTo("form:imei");
        assertThat(f.get("destination").get("asn").asLong()).isEqualTo(45102);
        assertThat(f.get("destination").get("country").asText()).isEqualTo("SG");
        assertThat(r.get("tls_key_logs").get(0).get("secrets").asInt()).isEqualTo(2);
    }

    @Test
    void tlsSecretsInTheCaptureAreSavedWhenAsked() throws Exception {
        Path keys = dir.resolve("keys.log");
        CliRun run = CliRun.of("analyze", capture().toString(), "--save-tls-keys", keys.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(keys)).contains(KEY_LOG);
    }

    @Test
    void theRealXiaomiAppMarketCaptureIsReadAndItsServersAttributed() throws Exception {
        Path pcap = TestFiles.copy("pcap/xiaomi.pcap", dir);
        Path out = dir.resolve("r.json");
        CliRun run = CliRun.of("analyze", pcap.toString(), "--format", "json", "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        // tshark -Y http.request finds one request, in frame 52, to an HTTP DNS resolver asking for the
        // app market's host; the phone's Wi-Fi BSSID rides along as Android's placeholder 02:00:00:00:00:00.
        assertThat(r.get("flows")).hasSize(1);
        JsonNode flow = r.get("flows").get(0);
        assertThat(flow.get("url").asText()).startsWith("http://203.107.1.65/164566/sign_d?host=appmarket.micloud.xiaomi.net");
        assertThat(flow.get("origin").asText()).isEqualTo("packet 52");
        assertThat(flow.get("server_ip").asText()).isEqualTo("203.107.1.65");
        assertThat(r.get("findings").findValuesAsText("kind")).doesNotContain("mac");
        assertThat(r.get("opaque").size()).isPositive();
    }
}
