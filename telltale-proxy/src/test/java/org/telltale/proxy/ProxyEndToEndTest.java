package org.telltale.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.OpaqueConnection;
import org.telltale.testkit.Oracles;

/**
 * The proxy between the real curl and origin servers on loopback. Each test starts its own proxy,
 * so that what the sink got can be checked in full: the exchanges made, no more and no fewer.
 */
class ProxyEndToEndTest {
    private static TestCa testCa;
    private static OriginServer h2Origin;
    private static OriginServer h1Origin;
    private static OriginServer plainOrigin;
    private static Path trust;

    @TempDir
    Path dir;
    private ProxyFixture fixture;

    @BeforeAll
    static void origins(@TempDir Path shared) throws Exception {
        Oracles.need("curl");
        testCa = new TestCa("Telltale test origins");
        trust = testCa.writePem(shared.resolve("origins-ca.pem"));
        h2Origin = new OriginServer(OriginServer.Mode.HTTPS_H2_AND_H1, testCa);
        h1Origin = new OriginServer(OriginServer.Mode.HTTPS_H1_ONLY, testCa);
        plainOrigin = new OriginServer(OriginServer.Mode.PLAIN, testCa);
    }

    @AfterAll
    static void stopOrigins() {
        for (OriginServer o : new OriginServer[] {h2Origin, h1Origin, plainOrigin}) {
            if (o != null) {
                o.close();
            }
        }
    }

    @AfterEach
    void stopProxy() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ProxyFixture proxy(ProxySettings settings) throws Exception {
        fixture = ProxyFixture.start(dir, settings);
        return fixture;
    }

    private ProxyFixture proxy() throws Exception {
        return proxy(ProxyFixture.settings(trust));
    }

    /** Closes the proxy so that everything it would report has been reported, and returns the sink. */
    private RecordingSink finished() {
        fixture.close();
        RecordingSink sink = fixture.sink;
        fixture = null;
        return sink;
    }

    @Test
    void anHttpsRequestInAConnectTunnelIsReadAndForwardedAsTheClientSpokeIt() throws Exception {
        ProxyFixture p = proxy();
        String url = "https://localhost:" + h2Origin.port() + "/echo?q=1";
        Curl.Result r = Curl.run("--http1.1", "--proxy", p.url(), "--cacert", p.caPem.toString(), url);

        assertThat(r.exit()).as(r.stderr()).isZero();
        // The client spoke HTTP/1.1, the origin (which offers h2) got HTTP/2 from the proxy.
        assertThat(r.text()).isEqualTo("GET /echo?q=1 HTTP/2\n");
        RecordingSink sink = finished();
        assertThat(sink.diagnostics()).isEmpty();
        assertThat(sink.observations()).hasSize(1);
        Exchange e = sink.exchanges().get(0);
        assertThat(e.origin()).isEqualTo("connection 1 request 1");
        assertThat(e.request().method()).isEqualTo("GET");
        assertThat(e.request().url()).isEqualTo(url);
        assertThat(e.request().httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(e.request().headers().get(0)).isEqualTo(new Header("Host", "localhost:" + h2Origin.port()));
        assertThat(e.request().header("User-Agent")).startsWith("curl/");
        assertThat(e.client().ip()).isEqualTo("127.0.0.1");
        assertThat(e.server().host()).isEqualTo("localhost");
        assertThat(e.server().ip()).isEqualTo("127.0.0.1");
        assertThat(e.server().port()).isEqualTo(h2Origin.port());
        assertThat(e.response().status()).isEqualTo(200);
        assertThat(e.response().body()).isEqualTo(r.body());
        assertThat(e.incomplete()).isFalse();
        assertThat(e.time()).isNotNull();
    }

    @Test
    void anHttp2ClientIsRecordedAsHttp2WhetherTheOriginSpeaksHttp2OrOnlyHttp11() throws Exception {
        ProxyFixture p = proxy();
        String toH2 = "https://localhost:" + h2Origin.port() + "/echo";
        String toH1 = "https://localhost:" + h1Origin.port() + "/echo";
        Curl.Result a = Curl.run("--http2", "--proxy", p.url(), "--cacert", p.caPem.toString(), toH2);
        Curl.Result b = Curl.run("--http2", "--proxy", p.url(), "--cacert", p.caPem.toString(), toH1);

        assertThat(a.exit()).as(a.stderr()).isZero();
        assertThat(b.exit()).as(b.stderr()).isZero();
        assertThat(a.text()).isEqualTo("GET /echo HTTP/2\n");
        assertThat(b.text()).isEqualTo("GET /echo HTTP/1.1\n");
        RecordingSink sink = finished();
        assertThat(sink.diagnostics()).isEmpty();
        assertThat(sink.observations()).hasSize(2);
        List<Exchange> exchanges = sink.exchanges();
        assertThat(exchanges).extracting(e -> e.request().url()).containsExactlyInAnyOrder(toH2, toH1);
        assertThat(exchanges).extracting(Exchange::origin)
                .containsExactlyInAnyOrder("connection 1 request 1", "connection 2 request 1");
        for (Exchange e : exchanges) {
            assertThat(e.request().httpVersion()).isEqualTo("HTTP/2");
            assertThat(e.request().headers()).extracting(Header::name).doesNotContain(":authority", ":path", "Host")
                    .contains("user-agent", "accept").allMatch(n -> n.equals(n.toLowerCase()));
            assertThat(e.request().headers()).extracting(Header::name).noneMatch(n -> n.startsWith("x-http2"));
            assertThat(e.response().status()).isEqualTo(200);
            assertThat(e.incomplete()).isFalse();
        }
    }

    @Test
    void aPostBodyIsRecordedAsSentAndReachesTheServer() throws Exception {
        ProxyFixture p = proxy();
        String body = "name=alice&email=alice%40example.com";
        Curl.Result r = Curl.run("--proxy", p.url(), "--cacert", p.caPem.toString(), "--data-binary", body,
                "-H", "Content-Type: application/x-www-form-urlencoded",
                "https://localhost:" + h1Origin.port() + "/echo");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.text()).isEqualTo("POST /echo HTTP/1.1\n" + body);
        RecordingSink sink = finished();
        assertThat(sink.observations()).hasSize(1);
        Exchange e = sink.exchanges().get(0);
        assertThat(e.request().method()).isEqualTo("POST");
        assertThat(new String(e.request().body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(e.response().body()).isEqualTo(r.body());
    }

    @Test
    void plainHttpRequestsAreForwardedAndRecordedWithHttpUrls() throws Exception {
        ProxyFixture p = proxy();
        String url = "http://127.0.0.1:" + plainOrigin.port() + "/echo?plain=yes";
        Curl.Result r = Curl.run("--proxy", p.url(), url);

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.text()).isEqualTo("GET /echo?plain=yes HTTP/1.1\n");
        RecordingSink sink = finished();
        assertThat(sink.observations()).hasSize(1);
        Exchange e = sink.exchanges().get(0);
        assertThat(e.request().url()).isEqualTo(url);
        assertThat(e.request().httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(e.server().ip()).isEqualTo("127.0.0.1");
        assertThat(e.server().port()).isEqualTo(plainOrigin.port());
        assertThat(e.response().status()).isEqualTo(200);
    }

    @Test
    void socks5WithRemoteNamesIsInterceptedLikeConnect() throws Exception {
        ProxyFixture p = proxy();
        String url = "https://localhost:" + h1Origin.port() + "/echo";
        Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + p.port(), "--cacert", p.caPem.toString(), url);

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.text()).isEqualTo("GET /echo HTTP/1.1\n");
        RecordingSink sink = finished();
        assertThat(sink.diagnostics()).isEmpty();
        assertThat(sink.observations()).hasSize(1);
        assertThat(sink.exchanges().get(0).request().url()).isEqualTo(url);
        assertThat(sink.exchanges().get(0).server().host()).isEqualTo("localhost");
    }

    @Test
    void aBodyOverTheLimitReachesTheClientWholeAndIsRecordedTruncated() throws Exception {
        ProxySettings s = ProxyFixture.settings(trust);
        ProxyFixture p = proxy(new ProxySettings(s.listenHost(), 0, s.allow(), s.passthrough(), false, trust, 1000,
                null));
        int size = 300_000;
        Curl.Result r = Curl.run("--proxy", p.url(), "--cacert", p.caPem.toString(),
                "https://localhost:" + h2Origin.port() + "/big?n=" + size);

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.body()).hasSize(size);
        RecordingSink sink = finished();
        Exchange e = sink.exchanges().get(0);
        assertThat(e.response().body()).hasSize(1000).containsOnly((byte) 'x');
        assertThat(e.incomplete()).isTrue();
        assertThat(sink.observations()).hasSize(1);
    }

    @Test
    void aClientPinningTheServersKeyIsReportedAsOpaqueWithTheReason() throws Exception {
        ProxyFixture p = proxy();
        byte[] spki = MessageDigest.getInstance("SHA-256").digest(testCa.serverKeys.getPublic().getEncoded());
        Curl.Result r = Curl.run("--proxy", p.url(), "--cacert", p.caPem.toString(),
                "--pinnedpubkey", "sha256//" + Base64.getEncoder().encodeToString(spki),
                "https://localhost:" + h1Origin.port() + "/echo");

        assertThat(r.exit()).as("curl refuses the pinned key mismatch").isEqualTo(90);
        RecordingSink sink = finished();
        assertThat(sink.exchanges()).isEmpty();
        assertThat(sink.opaque()).hasSize(1);
        OpaqueConnection o = sink.opaque().get(0);
        assertThat(o.protocol()).isEqualTo("tls");
        assertThat(o.reason()).contains("closed without a request").contains("may pin");
        assertThat(o.sni()).isEqualTo("localhost");
        assertThat(o.alpn()).contains("http/1.1");
        assertThat(o.server().port()).isEqualTo(h1Origin.port());
    }

    @Test
    void aConnectionOpenedAheadAndLeftUnusedIsNotReportedAsPinningWhileOneClosedAtOnceIs() throws Exception {
        Oracles.need("openssl");
        ProxyFixture p = proxy();
        String target = "localhost:" + h1Origin.port();
        // openssl s_client through the proxy: it completes the handshake, sends nothing, and closes when its
        // input ends, at once or after idling as a browser's spare connection does.
        for (String idle : List.of("0", "3")) {
            Process c = new ProcessBuilder("/bin/sh", "-c", "sleep " + idle + " | openssl s_client -quiet -no_ign_eof -proxy "
                    + "127.0.0.1:" + p.port() + " -connect " + target
                    + " -servername localhost -CAfile " + p.caPem + " -verify_return_error")
                    .redirectErrorStream(true).start();
            String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(c.waitFor()).as(out).isZero();
        }
        RecordingSink sink = finished();
        assertThat(sink.exchanges()).isEmpty();
        assertThat(sink.opaque()).as("only the connection closed at once").singleElement()
                .extracting(OpaqueConnection::reason).asString().contains("may pin");
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsReportedWithTheAlertItSent() throws Exception {
        ProxyFixture p = proxy();
        Curl.Result r = Curl.run("--proxy", p.url(), "https://localhost:" + h1Origin.port() + "/echo");

        assertThat(r.exit()).as(r.stderr()).isEqualTo(60);
        RecordingSink sink = finished();
        assertThat(sink.exchanges()).isEmpty();
        assertThat(sink.opaque()).singleElement().extracting(OpaqueConnection::reason).asString()
                .startsWith("the client refused Telltale's certificate (unknown_ca)");
    }

    @Test
    void anUpstreamWithAnUntrustedCertificateGetsNothingAndTheClientA502() throws Exception {
        TestCa stranger = new TestCa("Nobody trusts me");
        try (OriginServer untrusted = new OriginServer(OriginServer.Mode.HTTPS_H1_ONLY, stranger)) {
            ProxyFixture p = proxy();
            String url = "https://localhost:" + untrusted.port() + "/echo";
            Curl.Result r = Curl.run("-w", "%{http_code}", "--proxy", p.url(), "--cacert", p.caPem.toString(), url);

            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.text()).contains("certificate failed verification").endsWith("502");
            assertThat(untrusted.received()).isEmpty();
            RecordingSink sink = finished();
            assertThat(sink.observations()).hasSize(1);
            Exchange e = sink.exchanges().get(0);
            assertThat(e.request().url()).isEqualTo(url);
            assertThat(e.response()).isNull();
            assertThat(e.incomplete()).isFalse();
            assertThat(sink.diagnostics()).singleElement().asString()
                    .startsWith("connection 1 request 1: upstream localhost:" + untrusted.port())
                    .contains("certificate failed verification").contains("not forwarded");
        }
    }

    @Test
    void anUpstreamThatRefusesTheConnectionIsSaidSoAndTheClientGetsA502() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        ProxyFixture p = proxy(ProxyFixture.settings(trust));
        Curl.Result r = Curl.run("--proxy", p.url(), "-o", "/dev/null", "-w", "%{http_code}",
                "http://127.0.0.1:" + closed + "/nothing");

        assertThat(r.text()).isEqualTo("502");
        RecordingSink sink = finished();
        assertThat(sink.diagnostics()).singleElement().asString()
                .startsWith("connection 1 request 1: upstream 127.0.0.1:" + closed + ": cannot connect (")
                .contains("refused").doesNotContain("ClosedChannelException");
    }

    @Test
    void aClientOutsideTheAllowListIsRefused() throws Exception {
        ProxySettings s = ProxyFixture.settings(trust);
        ProxyFixture p = proxy(new ProxySettings(s.listenHost(), 0, List.of("10.0.0.0/8"), s.passthrough(), false,
                trust, s.bodyLimit(), null));
        Curl.Result r = Curl.run("--proxy", p.url(), "http://127.0.0.1:" + plainOrigin.port() + "/echo");
        Curl.Result again = Curl.run("--proxy", p.url(), "http://127.0.0.1:" + plainOrigin.port() + "/echo");

        assertThat(r.exit()).isNotZero();
        assertThat(again.exit()).isNotZero();
        assertThat(plainOrigin.received()).noneMatch(l -> l.contains("refused-test"));
        RecordingSink sink = finished();
        assertThat(sink.observations()).isEmpty();
        assertThat(sink.diagnostics()).as("said once for the address").singleElement().asString()
                .matches("connection 1: client 127\\.0\\.0\\.1:\\d+: refused, not in --allow \\(said once per address\\)");
    }

    @Test
    void aPassthroughHostIsTunnelledUnreadAndTheClientTalksToTheRealServer() throws Exception {
        ProxySettings s = ProxyFixture.settings(trust);
        ProxyFixture p = proxy(new ProxySettings(s.listenHost(), 0, s.allow(), List.of("localhost"), false, trust,
                s.bodyLimit(), null));
        // The client trusts the origin's own CA, not Telltale's: it sees the real certificate.
        Curl.Result r = Curl.run("--proxy", p.url(), "--cacert", trust.toString(),
                "https://localhost:" + h2Origin.port() + "/echo");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.text()).isEqualTo("GET /echo HTTP/2\n");
        RecordingSink sink = finished();
        assertThat(sink.exchanges()).isEmpty();
        assertThat(sink.opaque()).singleElement().satisfies(o -> {
            assertThat(o.reason()).isEqualTo("passed through (--passthrough)");
            assertThat(o.protocol()).isEqualTo("tls");
            assertThat(o.sni()).isEqualTo("localhost");
            assertThat(o.alpn()).containsExactly("h2", "http/1.1");
            assertThat(o.server().ip()).isEqualTo("127.0.0.1");
            assertThat(o.server().port()).isEqualTo(h2Origin.port());
        });
    }

    @Test
    void theProxyServesItsSetupPageAndCaCertificateToADevicePointedAtIt() throws Exception {
        ProxyFixture p = proxy();
        Curl.Result page = Curl.run("-i", p.url() + "/");
        Curl.Result der = Curl.run(p.url() + "/telltale-ca.crt");
        Curl.Result pem = Curl.run(p.url() + "/telltale-ca.pem");

        assertThat(page.text()).contains("200").contains("Content-Security-Policy: default-src 'none'")
                .contains("Android").contains("iOS").doesNotContain("<script");
        assertThat(der.body()).isEqualTo(p.ca.der());
        assertThat(pem.body()).isEqualTo(p.ca.pem());
        assertThat(finished().observations()).as("the setup page is not traffic to record").isEmpty();
    }

    @Test
    void plainHttpInsideAConnectTunnelIsReadAsHttp() throws Exception {
        ProxyFixture p = proxy();
        String url = "http://127.0.0.1:" + plainOrigin.port() + "/echo?tunnelled";
        Curl.Result r = Curl.run("--proxytunnel", "--proxy", p.url(), url);

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.text()).isEqualTo("GET /echo?tunnelled HTTP/1.1\n");
        RecordingSink sink = finished();
        assertThat(sink.observations()).hasSize(1);
        assertThat(sink.exchanges().get(0).request().url()).isEqualTo(url);
    }

    @Test
    void aTunnelCarryingNeitherTlsNorHttpIsRelayedUnreadAndReportedAsTcp() throws Exception {
        ProxyFixture p = proxy();
        try (java.net.ServerSocket echo = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket("127.0.0.1", p.port())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket s = echo.accept()) {
                    s.getOutputStream().write(s.getInputStream().readNBytes(6));
                } catch (java.io.IOException ignored) {
                    // the test fails on what the client reads
                }
            });
            server.start();
            client.setSoTimeout(10_000);
            client.getOutputStream().write(("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] established = client.getInputStream().readNBytes(39);
            assertThat(new String(established, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
            client.getOutputStream().write(new byte[] {0, 1, 2, 'a', 'b', 'c'});
            assertThat(client.getInputStream().readNBytes(6)).containsExactly(0, 1, 2, 'a', 'b', 'c');
            server.join(10_000);
        }
        RecordingSink sink = finished();
        assertThat(sink.exchanges()).isEmpty();
        assertThat(sink.opaque()).singleElement().satisfies(o -> {
            assertThat(o.protocol()).isEqualTo("tcp");
            assertThat(o.reason()).contains("neither TLS nor HTTP");
            assertThat(o.sni()).isNull();
        });
    }

    @Test
    void requestsOnOneConnectionAreNumberedInOrder() throws Exception {
        ProxyFixture p = proxy();
        String base = "https://localhost:" + h1Origin.port();
        Curl.Result r = Curl.run("--proxy", p.url(), "--cacert", p.caPem.toString(), base + "/echo?1", base + "/echo?2",
                base + "/echo?3");

        assertThat(r.exit()).as(r.stderr()).isZero();
        RecordingSink sink = finished();
        assertThat(sink.observations()).hasSize(3);
        assertThat(sink.exchanges()).extracting(e -> e.origin() + " " + e.request().url()).containsExactly(
                "connection 1 request 1 " + base + "/echo?1",
                "connection 1 request 2 " + base + "/echo?2",
                "connection 1 request 3 " + base + "/echo?3");
    }

    @Test
    void aTunnelWhoseServerSpeaksFirstIsRelayedAfterTheClientsSilence() throws Exception {
        ProxyFixture p = proxy();
        try (java.net.ServerSocket banner = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket("127.0.0.1", p.port())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket s = banner.accept()) {
                    s.getOutputStream().write("220 smtp.example ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read();
                } catch (java.io.IOException ignored) {
                    // the test fails on what the client reads
                }
            });
            server.start();
            client.setSoTimeout(10_000);
            client.getOutputStream().write(("CONNECT 127.0.0.1:" + banner.getLocalPort() + " HTTP/1.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            client.getInputStream().readNBytes(39);
            assertThat(new String(client.getInputStream().readNBytes(24), StandardCharsets.US_ASCII))
                    .isEqualTo("220 smtp.example ready\r\n");
            client.shutdownOutput();
            server.join(10_000);
        }
        RecordingSink sink = finished();
        assertThat(sink.opaque()).singleElement().extracting(OpaqueConnection::protocol).isEqualTo("tcp");
    }
}
