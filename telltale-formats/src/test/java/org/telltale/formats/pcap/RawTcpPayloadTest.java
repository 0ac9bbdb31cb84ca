package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.OpaqueConnection;
import org.telltale.formats.pcap.proto.HttpLimits;
import org.telltale.testkit.RecordingSink;

/**
 * A TCP connection that is neither HTTP nor TLS keeps what the client sent, up to a cap, for the
 * canaries to be searched in. On nDPI's starcraft_battle.pcap the game client talks Battle.net's own
 * protocol on port 1119 and sends the player's e-mail address in its first segment; the figures
 * below are tshark's ({@code tshark -r starcraft_battle.pcap -q -z follow,tcp,raw,21} and
 * {@code -Y "tcp.stream==21 && tcp.srcport==3517" -T fields -e data}).
 */
class RawTcpPayloadTest {
    /** The first 48 client bytes of tcp.stream 21, as tshark prints them. */
    private static final String STREAM_21_START =
            "4a00000a66020aed2d66adc8e80a0000299964b723a1000046dc433732ba002bb4b7000067250c0617006d617474656f";

    @Test
    void theBattleNetConnectionsCarryTheClientsBytesAndNoOtherConnectionDoes() throws Exception {
        RecordingSink sink = new RecordingSink();

        PcapCapture.read(RealCapturesTest.resource("starcraft_battle.pcap"), sink, new ProtoApplicationLayer(), null);

        List<OpaqueConnection> withBytes = sink.opaque().stream()
                .filter(c -> c.protocol().equals("tcp") && c.payload() != null).toList();
        assertThat(withBytes).extracting(c -> c.origin() + " " + c.protocol() + " " + c.client().port() + " -> "
                        + c.server().ip() + ":" + c.server().port() + " " + c.payload().length)
                .as("the capture joined three connections midway: one inside TLS (packet 2 starts with the "
                        + "record header 17 03 03) keeps nothing; two are one keep-alive byte each, as tshark shows")
                .containsExactlyInAnyOrder(
                        "packet 18 tcp 3052 -> 216.58.212.110:443 1",
                        "packet 26 tcp 2759 -> 64.233.184.188:5228 1",
                        "packet 24 tcp 3427 -> 80.239.208.193:1119 52",
                        "packet 333 tcp 3517 -> 213.248.127.130:1119 2341");
        byte[] game = withBytes.stream().filter(c -> c.client().port() == 3517).findFirst().orElseThrow().payload();
        assertThat(HexFormat.of().formatHex(game, 0, 48)).isEqualTo(STREAM_21_START);
        assertThat(new String(game, 42, 23, StandardCharsets.US_ASCII)).isEqualTo("matteobracci1@gmail.com");
        assertThat(sink.diagnostics).noneMatch(d -> d.contains("no parser reads"));
        assertThat(sink.opaque()).filteredOn(c -> c.protocol().equals("tls") || c.protocol().equals("quic"))
                .allSatisfy(c -> assertThat(c.payload()).as("encrypted: nothing kept").isNull());
    }

    @Test
    void theCapIsSaidWhenHitAndOnlyTheBytesBeforeItAreKept() throws Exception {
        RecordingSink sink = new RecordingSink();
        HttpLimits small = new HttpLimits(64 * 1024, 8 * 1024 * 1024, 256 * 1024, 256, 100);

        PcapCapture.read(RealCapturesTest.resource("starcraft_battle.pcap"), sink, new ProtoApplicationLayer(small), null);

        OpaqueConnection game = sink.opaque().stream().filter(c -> c.client().port() == 3517).findFirst().orElseThrow();
        assertThat(game.payload()).hasSize(100);
        assertThat(HexFormat.of().formatHex(game.payload(), 0, 48)).isEqualTo(STREAM_21_START);
        OpaqueConnection login = sink.opaque().stream().filter(c -> c.client().port() == 3427).findFirst().orElseThrow();
        assertThat(login.payload()).as("52 bytes, under the cap").hasSize(52);
        assertThat(sink.diagnostics).filteredOn(d -> d.contains("connection no parser reads")).containsExactly(
                "packet 333: tcp 192.168.1.100:3517 -> 213.248.127.130:1119: kept the first 100 bytes the client sent on a connection no parser reads; "
                        + "the canaries are not searched in the rest");
    }
}
