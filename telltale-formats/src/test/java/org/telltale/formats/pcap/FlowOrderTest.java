package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.Observation;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;
import org.telltale.testkit.pcap.TcpScript;

class FlowOrderTest {
    @TempDir
    Path dir;

    @Test
    void flowsAreNumberedInTheOrderTheirRequestsStartedNotTheOrderTheyFinished() throws Exception {
        // A's request starts at packet 4 but A ends last (packet 15); B starts at packet 8 and ends at packet 11
        List<Packet> a = TcpScript.between("10.0.0.2", 40000, "192.0.2.1", 80).handshake()
                .clientSends("GET /a HTTP/1.1\r\n\r\n").serverSends("HTTP/1.1 200 OK\r\n\r\n").close()
                .packets(Captures.T0);
        List<Packet> b = TcpScript.between("10.0.0.2", 40001, "192.0.2.2", 80).handshake()
                .clientSends("GET /b HTTP/1.1\r\n\r\n").close().packets(Captures.T0.plusMillis(4));
        List<Packet> all = new ArrayList<>(a.subList(0, 4));
        all.addAll(b);
        all.addAll(a.subList(4, a.size()));
        RecordingSink sink = new RecordingSink();

        Captures.read(dir, Captures.classic(LinkFraming.ETHERNET, all), sink);

        assertThat(sink.observations).extracting(Observation::origin).containsExactly("packet 4", "packet 8");
    }
}
