package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.OpaqueConnection;
import org.telltale.formats.pcap.proto.HttpLimits;
import org.telltale.testkit.RecordingSink;

/**
 * A UDP flow that is neither DNS nor QUIC keeps what its client sent, datagrams one after another.
 * On nDPI's starcraft_battle.pcap, tshark ({@code -Y "udp && !dns && !quic" -T fields -e frame.number
 * -e udp.srcport -e udp.dstport -e udp.length}) shows the router's eleven SSDP NOTIFY datagrams to
 * 239.255.255.250:1900 (frames 29 to 39, 4,522 payload bytes in all: UDP lengths 389, 380, 389, 452, 444,
 * 389, 428, 460, 389, 448, 442, which sum to 4,610, less 8 each) and the game's small datagrams to Battle.net's port 1119.
 */
class RawUdpPayloadTest {
    @Test
    void eachUdpFlowCarriesItsClientsDatagramsAndNoServerBytes() throws Exception {
        RecordingSink sink = new RecordingSink();

        PcapCapture.read(RealCapturesTest.resource("starcraft_battle.pcap"), sink, new ProtoApplicationLayer(), null);

        List<OpaqueConnection> udp = sink.opaque().stream().filter(c -> c.protocol().equals("udp")).toList();
        assertThat(udp).extracting(c -> c.client().ip() + ":" + c.client().port() + " -> " + c.server().ip() + ":"
                        + c.server().port() + " " + c.payload().length)
                .containsExactlyInAnyOrder(
                        "192.168.1.254:38605 -> 239.255.255.250:1900 4522",
                        "192.168.1.100:53146 -> 5.42.180.154:1119 2",
                        "192.168.1.100:53146 -> 62.115.246.51:1119 2",
                        "192.168.1.100:6113 -> 213.248.127.212:1119 1",
                        "192.168.1.100:6113 -> 213.248.127.166:1119 1");
        OpaqueConnection ssdp = udp.stream().filter(c -> c.server().port() == 1900).findFirst().orElseThrow();
        assertThat(ssdp.origin()).isEqualTo("packet 29");
        String text = new String(ssdp.payload(), StandardCharsets.US_ASCII);
        assertThat(text).startsWith("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n");
        assertThat(text.split("NOTIFY \\* HTTP/1.1", -1)).as("eleven datagrams").hasSize(12);
    }

    @Test
    void theCapIsSaidWhenAUdpFlowReachesIt() throws Exception {
        RecordingSink sink = new RecordingSink();
        HttpLimits small = new HttpLimits(64 * 1024, 8 * 1024 * 1024, 256 * 1024, 256, 1000);

        PcapCapture.read(RealCapturesTest.resource("starcraft_battle.pcap"), sink, new ProtoApplicationLayer(small), null);

        OpaqueConnection ssdp = sink.opaque().stream().filter(c -> c.server().port() == 1900).findFirst().orElseThrow();
        assertThat(ssdp.payload()).hasSize(1000);
        assertThat(sink.diagnostics).filteredOn(d -> d.contains("UDP flow")).containsExactly(
                "packet 31: udp 192.168.1.254:38605 -> 239.255.255.250:1900: kept the first 1000 bytes the client "
                        + "sent on a UDP flow no parser reads; the canaries are not searched in the rest");
    }
}
