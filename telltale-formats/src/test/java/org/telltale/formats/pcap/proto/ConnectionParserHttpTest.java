package org.telltale.formats.pcap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.junit.jupiter.api.Test;
import org.telltale.formats.pcap.TcpEnds;

class ConnectionParserHttpTest {

    @Test
    void simpleGetGivesOneExchangeWithEverything() {
        RecordingEvents ev = new Feed()
                .client("GET /track?id=42 HTTP/1.1\r\nHost: example.org\r\nCookie: uid=7\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello")
                .run();

        assertThat(ev.exchanges).hasSize(1);
        Exchange x = ev.exchanges.get(0);
        assertThat(x.time()).isEqualTo(Feed.time(1));
        assertThat(x.origin()).isEqualTo("packet 1");
        assertThat(ev.exchangePackets).containsExactly(1L);
        assertThat(x.client()).isEqualTo(new Endpoint(null, "10.0.0.2", 51234));
        assertThat(x.server()).isEqualTo(new Endpoint("example.org", "93.184.216.34", 80));
        assertThat(x.request().method()).isEqualTo("GET");
        assertThat(x.request().url()).isEqualTo("http://example.org/track?id=42");
        assertThat(x.request().httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(x.request().headers()).containsExactly(new Header("Host", "example.org"), new Header("Cookie", "uid=7"));
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(new String(x.response().body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(x.incomplete()).isFalse();
        assertThat(ev.diagnostics).isEmpty();
    }

    @Test
    void realKeepAliveConnectionFromAnAndroidCaptureGivesTwoExchanges() {
        RecordingEvents ev = replay("android-keepalive.seg");

        assertThat(ev.summary()).containsExactly(
                "packet 227 GET http://check.googlezip.net/connect 0 bytes -> 200 with 3 bytes",
                "packet 271 GET http://check.googlezip.net/connect 0 bytes -> 200 with 3 bytes");
        assertThat(ev.exchanges.get(0).request().header("User-Agent")).contains("Android 9; Nokia 2.2");
        assertThat(ev.diagnostics).isEmpty();
    }

    @Test
    void realChunkedResponseIsDechunkedToTheLengthTsharkReports() {
        RecordingEvents ev = replay("two-flows-chunked.seg");

        assertThat(ev.summary()).containsExactly("packet 4 GET http://www.google.com/imghp?test=1&v2=2 0 bytes -> 200 with 14725 bytes");
        assertThat(new String(ev.exchanges.get(0).response().body(), 0, 15, StandardCharsets.US_ASCII)).isEqualTo("<!doctype html>");
    }

    @Test
    void realConnectThroughAProxyGivesTheConnectExchangeAndTheTlsServerName() {
        TcpEnds proxy = new TcpEnds("194.247.5.7", 57556, "85.25.246.38", 8080);
        RecordingEvents ev = replay("proxy-connect-tls.seg", proxy);

        assertThat(ev.summary()).containsExactly("packet 4 CONNECT http://15.35.226.136:443 0 bytes -> 200 with 0 bytes");
        assertThat(ev.exchanges.get(0).server().host()).isEqualTo("weberblog.net");
        assertThat(ev.opaque).hasSize(1);
        assertThat(ev.opaquePackets).containsExactly(7L);
        assertThat(ev.opaque.get(0).protocol()).isEqualTo("tls");
        assertThat(ev.opaque.get(0).sni()).isEqualTo("weberblog.net");
        assertThat(ev.opaque.get(0).alpn()).containsExactly("h2", "http/1.1");
        assertThat(ev.opaque.get(0).server()).isEqualTo(new Endpoint("weberblog.net", null, 443));
        assertThat(ev.diagnostics).isEmpty();
    }

    @Test
    void pipelinedRequestsGetTheirResponsesInOrder() {
        RecordingEvents ev = new Feed()
                .client("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA")
                .server("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nBBHTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 GET http://h/a 0 bytes -> 200 with 1 bytes",
                "packet 1 GET http://h/b 0 bytes -> 404 with 2 bytes",
                "packet 1 GET http://h/c 0 bytes -> 500 with 0 bytes");
    }

    @Test
    void chunkedRequestLosesItsFramingAndKeepsItsTrailers() {
        RecordingEvents ev = new Feed()
                .client("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nimei=\r\nF\r\n356938035643809\r\n0\r\nX-Device: pixel\r\n\r\n")
                .server("HTTP/1.1 204 No Content\r\n\r\n")
                .run();

        Exchange x = ev.exchanges.get(0);
        assertThat(new String(x.request().body(), StandardCharsets.US_ASCII)).isEqualTo("imei=356938035643809");
        assertThat(x.request().header("X-Device")).isEqualTo("pixel");
        assertThat(x.response().status()).isEqualTo(204);
        assertThat(x.incomplete()).isFalse();
    }

    @Test
    void responseToHeadHasNoBodyEvenWithContentLength() {
        RecordingEvents ev = new Feed()
                .client("HEAD /big HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 HEAD http://h/big 0 bytes -> 200 with 0 bytes",
                "packet 1 GET http://h/next 0 bytes -> 200 with 2 bytes");
    }

    @Test
    void continueResponseIsSkippedForTheFinalOne() {
        RecordingEvents ev = new Feed()
                .client("POST /form HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n")
                .server("HTTP/1.1 100 Continue\r\n\r\n")
                .client("email=a@b")
                .server("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
                .run();

        assertThat(ev.summary()).containsExactly("packet 1 POST http://h/form 9 bytes -> 201 with 0 bytes");
    }

    @Test
    void notModifiedHasNoBodyAndTheConnectionGoesOn() {
        RecordingEvents ev = new Feed()
                .client("GET /a HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n")
                .client("GET /b HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 GET http://h/a 0 bytes -> 304 with 0 bytes",
                "packet 3 GET http://h/b 0 bytes -> 200 with 1 bytes");
    }

    @Test
    void bodyWithoutLengthEndsWithTheConnection() {
        RecordingEvents ev = new Feed()
                .client("GET / HTTP/1.0\r\nHost: h\r\n\r\n")
                .server("HTTP/1.0 200 OK\r\n\r\nfirst part ")
                .server("and the rest")
                .run();

        assertThat(ev.summary()).containsExactly("packet 1 GET http://h/ 0 bytes -> 200 with 23 bytes");
    }

    @Test
    void requestWhoseResponseNeverCameIsReportedAtTheEnd() {
        RecordingEvents ev = new Feed()
                .client("GET /a HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .client("GET /lost HTTP/1.1\r\nHost: h\r\n\r\n")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 GET http://h/a 0 bytes -> 200 with 0 bytes",
                "packet 3 GET http://h/lost 0 bytes -> no response");
    }

    @Test
    void responseCutByTheEndOfTheConnectionIsIncomplete() {
        RecordingEvents ev = new Feed()
                .client("GET /a HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
                .run();

        assertThat(ev.summary()).containsExactly("packet 1 GET http://h/a 0 bytes -> 200 with 3 bytes incomplete");
    }

    @Test
    void httpInsideAConnectTunnelIsReadAsHttp() {
        RecordingEvents ev = new Feed()
                .client("CONNECT intranet.example:8080 HTTP/1.1\r\nHost: intranet.example:8080\r\n\r\n")
                .server("HTTP/1.1 200 Connection established\r\n\r\n")
                .client("GET /profile HTTP/1.1\r\nHost: intranet.example:8080\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 CONNECT http://intranet.example:8080 0 bytes -> 200 with 0 bytes",
                "packet 3 GET http://intranet.example:8080/profile 0 bytes -> 200 with 2 bytes");
        assertThat(ev.exchanges.get(1).server()).isEqualTo(new Endpoint("intranet.example", null, 8080));
    }

    @Test
    void refusedConnectLeavesTheConnectionInHttp() {
        RecordingEvents ev = new Feed()
                .client("CONNECT secret.example:443 HTTP/1.1\r\nHost: secret.example:443\r\n\r\n")
                .server("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\ndeny")
                .client("GET http://open.example/x HTTP/1.1\r\nHost: open.example\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 CONNECT http://secret.example:443 0 bytes -> 407 with 4 bytes",
                "packet 3 GET http://open.example/x 0 bytes -> 200 with 0 bytes");
    }

    @Test
    void websocketUpgradeIsReportedAndTheFramesAreNotReadAsHttp() {
        RecordingEvents ev = new Feed()
                .client("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                .server("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi")
                .add(true, new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 5, 6})
                .run();

        assertThat(ev.summary()).containsExactly("packet 1 GET http://h/chat 0 bytes -> 101 with 0 bytes");
        assertThat(ev.diagnostics).isEmpty();
    }

    @Test
    void gapInsideABodyOfKnownLengthKeepsTheReaderInStep() {
        RecordingEvents ev = new Feed()
                .client("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123")
                .clientGap(4)
                .client("89GET /b HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 POST http://h/a 6 bytes -> 200 with 0 bytes incomplete",
                "packet 3 GET http://h/b 0 bytes -> 200 with 0 bytes");
    }

    @Test
    void gapLongerThanTheBodyMakesTheReaderLookForTheNextRequest() {
        RecordingEvents ev = new Feed()
                .client("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n")
                .clientGap(500)
                .client("ing tail\r\n0\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
                .run();

        assertThat(ev.summary()).containsExactly(
                "packet 1 POST http://h/a 4 bytes -> 200 with 0 bytes incomplete",
                "packet 3 GET http://h/b 0 bytes -> 204 with 0 bytes");
        assertThat(ev.diagnostics).anyMatch(d -> d.contains("lost 500 bytes of a request body"));
    }

    @Test
    void bodyOverTheLimitIsCutAndMarkedIncomplete() {
        HttpLimits small = new HttpLimits(1024, 8, 1024, 16);
        RecordingEvents ev = new Feed()
                .client("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n01234567890123456789")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .run(small, ip -> null, Feed.ENDS);

        assertThat(ev.summary()).containsExactly("packet 1 POST http://h/a 8 bytes -> 200 with 0 bytes incomplete");
    }

    @Test
    void headOverTheLimitIsSkippedWithADiagnostic() {
        HttpLimits small = new HttpLimits(100, 1024, 1024, 16);
        RecordingEvents ev = new Feed()
                .client("GET /a HTTP/1.1\r\nHost: h\r\nCookie: " + "x".repeat(200) + "\r\n\r\n")
                .run(small, ip -> null, Feed.ENDS);

        assertThat(ev.exchanges).isEmpty();
        assertThat(ev.diagnostics).anyMatch(d -> d.contains("request head longer than 100 bytes"));
    }

    @Test
    void withoutHostHeaderTheServerIsNamedFromDnsAndItsPortKept() {
        TcpEnds ends = new TcpEnds("10.0.0.2", 40000, "203.0.113.9", 8080);
        RecordingEvents ev = new Feed()
                .client("GET /x HTTP/1.0\r\n\r\n")
                .run(HttpLimits.DEFAULT, ip -> ip.equals("203.0.113.9") ? "api.tracker.example" : null, ends);

        assertThat(ev.exchanges.get(0).request().url()).isEqualTo("http://api.tracker.example:8080/x");
        assertThat(ev.exchanges.get(0).server()).isEqualTo(new Endpoint("api.tracker.example", "203.0.113.9", 8080));
    }

    @Test
    void absoluteFormTargetOfAProxyRequestIsKeptAsIs() {
        RecordingEvents ev = new Feed()
                .client("GET http://ads.example/pixel?u=1 HTTP/1.1\r\nHost: ads.example\r\n\r\n")
                .run();

        assertThat(ev.exchanges.get(0).request().url()).isEqualTo("http://ads.example/pixel?u=1");
    }

    @Test
    void earliestPendingIsTheOldestRequestNotYetHandedOn() {
        RecordingEvents ev = new RecordingEvents();
        ConnectionParser p = new ConnectionParser(Feed.ENDS, "tcp test", null, ev);
        assertThat(p.earliestPending()).isEqualTo(Long.MAX_VALUE);

        byte[] first = "GET /a HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII);
        p.data(true, 5, Feed.time(5), first, 0, first.length);
        assertThat(p.earliestPending()).isEqualTo(5);

        byte[] rest = "st: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        p.data(true, 6, Feed.time(6), rest, 0, rest.length);
        assertThat(p.earliestPending()).isEqualTo(5);

        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        p.data(false, 7, Feed.time(7), response, 0, response.length);
        assertThat(ev.exchangePackets).containsExactly(5L);
        assertThat(p.earliestPending()).isEqualTo(6);

        p.data(false, 8, Feed.time(8), response, 0, response.length);
        assertThat(p.earliestPending()).isEqualTo(Long.MAX_VALUE);
        assertThat(ev.exchangePackets).containsExactly(5L, 6L);
    }

    @Test
    void tlsHelloSplitOverPacketsGivesOneOpaqueConnection() {
        byte[] hello = Fixtures.hex("firefox-clienthello.hex");
        byte[] a = java.util.Arrays.copyOfRange(hello, 0, 3);
        byte[] b = java.util.Arrays.copyOfRange(hello, 3, 300);
        byte[] c = java.util.Arrays.copyOfRange(hello, 300, hello.length);
        RecordingEvents ev = new Feed().add(true, a).add(true, b).add(true, c)
                .run(HttpLimits.DEFAULT, ip -> "dns-name.example", new TcpEnds("10.0.0.2", 50000, "185.82.220.92", 443));

        assertThat(ev.opaque).hasSize(1);
        assertThat(ev.opaquePackets).containsExactly(1L);
        assertThat(ev.opaque.get(0).server()).isEqualTo(new Endpoint("www.ntop.org", "185.82.220.92", 443));
        assertThat(ev.opaque.get(0).time()).isEqualTo(Feed.time(1));
        assertThat(ev.diagnostics).isEmpty();
    }

    @Test
    void tlsWithoutSniIsNamedFromDns() {
        RecordingEvents ev = new Feed().add(true, new byte[] {0x16, 3, 1, 0, 4, 2, 0, 0, 0})
                .run(HttpLimits.DEFAULT, ip -> "dns-name.example", Feed.ENDS);

        assertThat(ev.opaque.get(0).server().host()).isEqualTo("dns-name.example");
        assertThat(ev.diagnostics).anyMatch(d -> d.contains("not a ClientHello"));
    }

    @Test
    void otherProtocolGivesOneTcpConnectionAndNoDiagnostic() {
        RecordingEvents ev = new Feed()
                .server("SSH-2.0-OpenSSH_9.2\r\n")
                .client("SSH-2.0-OpenSSH_9.6\r\n")
                .client("more")
                .run();

        assertThat(ev.opaque).hasSize(1);
        assertThat(ev.opaque.get(0).protocol()).isEqualTo("tcp");
        assertThat(ev.exchanges).isEmpty();
        assertThat(ev.diagnostics).isEmpty();
    }

    @Test
    void firstLineThatOnlyLooksLikeHttpGivesADiagnostic() {
        RecordingEvents ev = new Feed().client("GET /index.html\r\n").run();

        assertThat(ev.opaque).extracting(o -> o.protocol()).containsExactly("tcp");
        assertThat(ev.diagnostics).hasSize(1);
    }

    @Test
    void http2PriorKnowledgeIsOpaque() {
        RecordingEvents ev = new Feed().client("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").run();

        assertThat(ev.opaque).extracting(o -> o.protocol()).containsExactly("h2c");
        assertThat(ev.exchanges).isEmpty();
    }

    @Test
    void streamCaughtMidwayIsReadFromTheNextRequestLine() {
        RecordingEvents ev = new Feed()
                .clientGap(1000)
                .client("tail of an earlier body\r\nGET /seen HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .run();

        assertThat(ev.summary()).containsExactly("packet 2 GET http://h/seen 0 bytes -> 200 with 0 bytes");
    }

    @Test
    void garbageInsteadOfAResponseIsDiagnosedAndTheExchangeStillReported() {
        RecordingEvents ev = new Feed()
                .client("GET /a HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("\u0000\u0001garbage")
                .run();

        assertThat(ev.summary()).containsExactly("packet 1 GET http://h/a 0 bytes -> no response");
        assertThat(ev.diagnostics).anyMatch(d -> d.startsWith("tcp test: expected an HTTP response"));
    }

    private static RecordingEvents replay(String fixture) {
        return replay(fixture, Feed.ENDS);
    }

    private static RecordingEvents replay(String fixture, TcpEnds ends) {
        RecordingEvents events = new RecordingEvents();
        ConnectionParser parser = new ConnectionParser(ends, "tcp " + fixture, ip -> null, events);
        List<Fixtures.Segment> segments = Fixtures.segments(fixture);
        for (Fixtures.Segment s : segments) {
            parser.data(s.fromClient(), s.frame(), Feed.time(s.frame()), s.payload(), 0, s.payload().length);
        }
        parser.end(Feed.time(10_000));
        return events;
    }
}
