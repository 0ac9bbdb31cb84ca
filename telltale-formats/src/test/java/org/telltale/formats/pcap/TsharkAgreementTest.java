package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;

/**
 * Every real capture from nDPI and PCAPdroid, read by the pcap reader and held against what tshark
 * found in it (the golden files in {@code pcap/tshark/}, made with the command in their first line;
 * see the README there). Every HTTP request tshark finds must be an exchange with the same host,
 * request target, server address and port; every TLS ClientHello must be an opaque "tls"
 * connection with the same server name; every Google QUIC hello with a server name must be an
 * opaque "quic" connection. The few deliberate differences are listed in {@link #DIFFERENCES}.
 */
class TsharkAgreementTest {
    static final List<String> CAPTURES = List.of("443-firefox.pcap", "alicloud.pcap", "android.pcap", "facebook.pcap",
        "googledns_android10.pcap", "http_ipv6.pcap", "instagram.pcap", "iphone.pcap", "tencent_games.pcap",
        "vk.pcapng", "wechat.pcap", "weibo.pcap", "xiaomi.pcap", "yandex.pcapng", "http_proxy.pcap", "metadata.pcap",
        "two_flows.pcap");

    /**
     * Where Telltale deliberately reports a tshark row differently (pcap/tshark/README.md gives the
     * reasons): "capture kind frame" to the key Telltale gives instead, or to "" when Telltale
     * reports nothing more for that row.
     */
    private static final Map<String, String> DIFFERENCES = Map.of(
            // SSDP discovery: HTTP over UDP multicast, which stays on the local network
            "android.pcap http 45", "",
            "android.pcap http 46", "",
            "iphone.pcap http 18", "",
            "iphone.pcap http 19", "",
            // TLS inside a CONNECT tunnel: the server is the tunnel's target, not the proxy
            "http_proxy.pcap tls 7", "weberblog.net @ null port 443",
            // a second ClientHello on the same connection, after a HelloRetryRequest
            "metadata.pcap tls 151", "",
            // a second gQUIC hello on the same flow, after the server's REJ
            "wechat.pcap quic 51", "");

    private static final Map<String, String> GOLDEN_SUFFIX = Map.of("http", ".http.tsv", "tls", ".tls.tsv",
            "quic", ".gquic.tsv");

    /** One request or hello, as both tools can state it: what was asked for, and where it went. */
    private record Row(String kind, long packet, String key) {
    }

    static List<String> captures() {
        return CAPTURES;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyHttpRequestAndServerNameTsharkFindsIsReportedToo(String capture) throws Exception {
        List<Observation> observations = read(capture);
        List<Row> ours = new ArrayList<>(observations.stream().map(TsharkAgreementTest::row).toList());

        List<String> unmatched = new ArrayList<>();
        for (Row golden : golden(capture)) {
            String expected = DIFFERENCES.getOrDefault(capture + " " + golden.kind() + " " + golden.packet(),
                    golden.key());
            // tshark names the frame where the request or hello was complete; ours, where it started
            Row match = ours.stream().filter(r -> r.kind().equals(golden.kind()) && r.packet() <= golden.packet()
                    && r.key().equals(expected.isEmpty() ? golden.key() : expected)).findFirst().orElse(null);
            if (expected.isEmpty()) {
                assertThat(match).as("reported no more than once: %s", golden).isNull();
            } else if (match == null) {
                unmatched.add(golden.kind() + " " + golden.key() + " (tshark frame " + golden.packet() + ")");
            } else {
                ours.remove(match);
            }
        }
        assertThat(unmatched).as("found by tshark, not by Telltale").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void flowsComeOutInTheOrderTheirRequestsStarted(String capture) throws Exception {
        List<Long> starts = read(capture).stream().map(o -> packetOf(o.origin())).toList();

        assertThat(starts).isNotEmpty().isSorted();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyAddressIsInItsCanonicalTextForm(String capture) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (Observation o : read(capture)) {
            Function<Endpoint, String> ip = Endpoint::ip;
            if (o instanceof Exchange e) {
                addresses.add(ip.apply(e.client()));
                addresses.add(ip.apply(e.server()));
            } else if (o instanceof OpaqueConnection c) {
                addresses.add(ip.apply(c.client()));
                addresses.add(ip.apply(c.server()));
            }
        }

        assertThat(addresses.stream().filter(a -> a != null)).isNotEmpty()
                .allSatisfy(a -> assertThat(a).isEqualTo(IpTextTest.canonical(a)));
    }

    private static List<Observation> read(String capture) throws IOException, org.telltale.api.CaptureException {
        RecordingSink sink = new RecordingSink();
        new PcapReader().read(RealCapturesTest.resource(capture), sink);
        return sink.observations;
    }

    private static Row row(Observation o) {
        long packet = packetOf(o.origin());
        if (o instanceof Exchange e) {
            URI url = URI.create(e.request().url());
            String target = e.request().method().equals("CONNECT") ? url.getRawAuthority()
                    : url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            return new Row("http", packet, key(e.request().header("Host"), target, e.server()));
        }
        OpaqueConnection c = (OpaqueConnection) o;
        return new Row(c.protocol(), packet, key(c.sni(), null, c.server()));
    }

    private static String key(String name, String target, Endpoint server) {
        return (name == null ? "" : name) + (target == null ? "" : " " + target) + " @ " + server.ip() + " port "
                + server.port();
    }

    private static long packetOf(String origin) {
        return Long.parseLong(origin.substring("packet ".length()));
    }

    private static List<Row> golden(String capture) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> kind : GOLDEN_SUFFIX.entrySet()) {
            java.nio.file.Path file = RealCapturesTest.resource("tshark").resolve(capture + kind.getValue());
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                // http: frame, host, uri, ip.dst, ipv6.dst, port; the others: frame, name, ip.dst, ipv6.dst, port
                String[] f = line.split("\t", -1);
                boolean http = kind.getKey().equals("http");
                int ip = http ? 3 : 2;
                String address = f[ip].isEmpty() ? f[ip + 1] : f[ip];
                int port = f[ip + 2].isEmpty() ? 0 : Integer.parseInt(f[ip + 2]);
                Endpoint server = new Endpoint(null, address, port);
                rows.add(new Row(kind.getKey(), Long.parseLong(f[0]), key(f[1], http ? f[2] : null, server)));
            }
        }
        rows.sort((a, b) -> Long.compare(a.packet(), b.packet()));
        return rows;
    }
}
