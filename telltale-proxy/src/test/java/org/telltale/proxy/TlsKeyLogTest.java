package org.telltale.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.testkit.Oracles;

/**
 * --save-tls-keys: the secrets of both sides of every intercepted connection, in the NSS key log
 * format. The oracles are curl's own key log (SSLKEYLOGFILE) for the client side, and Wireshark,
 * which must decrypt a capture of both sides with the file.
 */
class TlsKeyLogTest {
    private static final Path TSHARK = Path.of("/usr/bin/tshark");
    private static final String LINE = "(CLIENT_RANDOM|CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_HANDSHAKE_TRAFFIC_SECRET"
            + "|CLIENT_TRAFFIC_SECRET_0|SERVER_TRAFFIC_SECRET_0|EXPORTER_SECRET) [0-9a-f]{64} [0-9a-f]{64,96}";

    private static TestCa testCa;
    private static Path trust;
    private static OriginServer origin;

    @TempDir
    Path dir;
    private ProxyFixture fixture;

    @BeforeAll
    static void start(@TempDir Path shared) throws Exception {
        Oracles.need("curl");
        testCa = new TestCa("Telltale test origins");
        trust = testCa.writePem(shared.resolve("origins-ca.pem"));
        origin = new OriginServer(OriginServer.Mode.HTTPS_H1_ONLY, testCa);
    }

    @AfterAll
    static void stop() {
        if (origin != null) {
            origin.close();
        }
    }

    @AfterEach
    void stopProxy() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ProxyFixture proxyWithKeyLog(Path keyLog) throws IOException {
        ProxySettings s = ProxyFixture.settings(trust);
        fixture = ProxyFixture.start(dir, new ProxySettings(s.listenHost(), 0, s.allow(), s.passthrough(), false,
                trust, s.bodyLimit(), keyLog));
        return fixture;
    }

    @Test
    void theKeyLogHoldsTheClientSidesSecretsAsCurlSawThemAndTheUpstreamSidesToo() throws Exception {
        Path keyLog = dir.resolve("telltale-keys.log");
        Path curlKeys = dir.resolve("curl-keys.log");
        ProxyFixture p = proxyWithKeyLog(keyLog);

        Curl.Result r = Curl.run(Map.of("SSLKEYLOGFILE", curlKeys.toString()), "--proxy", p.url(),
                "--cacert", p.caPem.toString(), "https://localhost:" + origin.port() + "/echo?keys");

        assertThat(r.exit()).as(r.stderr()).isZero();
        p.sink.awaitExchanges(1);
        List<String> ours = secrets(keyLog);
        List<String> curls = secrets(curlKeys);
        assertThat(ours).isNotEmpty().allMatch(l -> l.matches(LINE), "a key log line");
        assertThat(curls).isNotEmpty();
        assertThat(ours).as("the client side: the secrets curl had for its connection to the proxy").containsAll(curls);
        Set<String> clientRandoms = new HashSet<>();
        curls.forEach(l -> clientRandoms.add(l.split(" ")[1]));
        assertThat(ours).as("the upstream side: secrets of another handshake, the proxy's to the origin")
                .anyMatch(l -> l.startsWith("CLIENT_TRAFFIC_SECRET_0 ") && !clientRandoms.contains(l.split(" ")[1]));
        assertThat(PosixPermissions.of(keyLog)).isEqualTo("rw-------");
    }

    @Test
    void wiresharkDecryptsACaptureOfBothSidesWithTheKeyLog() throws Exception {
        Oracles.need("tshark");
        Path keyLog = dir.resolve("telltale-keys.log");
        Path capture = dir.resolve("capture.pcapng");
        ProxyFixture p = proxyWithKeyLog(keyLog);
        Process tshark = new ProcessBuilder(TSHARK.toString(), "-i", "lo", "-q", "-w", capture.toString(),
                "-f", "tcp port " + p.port() + " or tcp port " + origin.port())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.txt").toFile()).start();
        try {
            boolean capturing = false;
            for (int i = 0; i < 100 && !capturing && tshark.isAlive(); i++) {
                Thread.sleep(100);
                capturing = Files.readString(dir.resolve("tshark.txt")).contains("Capturing on");
            }
            Oracles.need("tshark capturing on lo", capturing, Files.readString(dir.resolve("tshark.txt")));
            Thread.sleep(300);
            Curl.Result r = Curl.run("--http1.1", "--proxy", p.url(), "--cacert", p.caPem.toString(),
                    "https://localhost:" + origin.port() + "/echo?decrypted-by-wireshark");
            assertThat(r.exit()).as(r.stderr()).isZero();
            p.sink.awaitExchanges(1);
            Thread.sleep(500);
        } finally {
            tshark.destroy();
            tshark.waitFor(10, TimeUnit.SECONDS);
        }

        // Wireshark reads the tunnel after CONNECT as the target port's protocol: TLS, then HTTP inside.
        Process read = new ProcessBuilder(TSHARK.toString(), "-r", capture.toString(),
                "-o", "tls.keylog_file:" + keyLog,
                "-d", "tcp.port==" + p.port() + ",http", "-d", "tcp.port==" + origin.port() + ",tls",
                "-Y", "http.request.method == \"GET\"", "-T", "fields", "-e", "tcp.srcport", "-e", "tcp.dstport",
                "-e", "http.request.uri")
                .redirectErrorStream(true).start();
        String out = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        read.waitFor(30, TimeUnit.SECONDS);
        List<String> requests = out.lines().filter(l -> l.endsWith("/echo?decrypted-by-wireshark")).toList();
        assertThat(requests).as("tshark's output:\n" + out).hasSize(2);
        assertThat(requests).as("one request from curl to the proxy, one from the proxy to the origin")
                .anyMatch(l -> l.split("\t")[1].equals(String.valueOf(p.port())))
                .anyMatch(l -> l.split("\t")[1].equals(String.valueOf(origin.port())));
    }

    private static List<String> secrets(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static final class PosixPermissions {
        static String of(Path p) throws IOException {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        }
    }
}
