package org.telltale.formats.pcap;

import org.telltale.testkit.RecordingSink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real captures from nDPI and PCAPdroid, reassembled and compared with what tshark's
 * "follow tcp" reassembly counted for each direction of each connection (the .streams files).
 */
class RealCapturesTest {
    /**
     * Where Telltale knowingly differs from tshark: in metadata.pcap the server sends 39 bytes (packet 82)
     * after the client reset the connection (packet 81); tshark counts them, Telltale ends a connection at
     * its RST, since nothing after it reaches the other side's application.
     */
    private static final Map<String, String> AFTER_RESET = Map.of(
            "142.250.180.131:443 -> 192.168.1.10:51588 5755", "142.250.180.131:443 -> 192.168.1.10:51588 5716");

    static Path resource(String name) {
        try {
            return Path.of(RealCapturesTest.class.getResource("/pcap/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xiaomi.pcap", "http_ipv6.pcap", "yandex.pcapng", "tencent_games.pcap", "two_flows.pcap",
        "metadata.pcap"})
    void everyDirectionCarriesAsManyBytesAsTsharkReassembled(String name) throws Exception {
        RecordingLayer layer = new RecordingLayer();
        RecordingSink sink = new RecordingSink();

        PcapCapture.read(resource(name), sink, layer, null);

        List<String> golden = Files.readAllLines(resource(name + ".streams")).stream()
                .map(line -> AFTER_RESET.getOrDefault(line, line)).toList();
        assertThat(layer.directions()).containsExactlyInAnyOrderElementsOf(golden);
        assertThat(layer.connections).allSatisfy(c -> assertThat(c.ended).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"two_flows.pcap", "metadata.pcap"})
    void connectionsWithAHandshakeKnowTheirClient(String name) throws Exception {
        RecordingLayer layer = new RecordingLayer();

        PcapCapture.read(resource(name), new RecordingSink(), layer, null);

        assertThat(layer.connections).isNotEmpty().allSatisfy(c -> assertThat(c.ends.clientIp())
                .isIn("192.168.1.10", "2001:db8:1234::1"));
    }

    @org.junit.jupiter.api.Test
    void dnsAnswersArriveAsUdpDatagramsFromPort53() throws Exception {
        RecordingLayer layer = new RecordingLayer();

        PcapCapture.read(resource("metadata.pcap"), new RecordingSink(), layer, null);

        assertThat(layer.datagrams).anySatisfy(d -> assertThat(d.sourcePort()).isEqualTo(53));
    }
}
