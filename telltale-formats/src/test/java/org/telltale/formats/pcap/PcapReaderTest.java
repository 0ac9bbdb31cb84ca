package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.telltale.testkit.RecordingSink;
import org.telltale.api.Exchange;
import org.telltale.api.OpaqueConnection;

class PcapReaderTest {
    @Test
    void aRealPcapdroidCaptureYieldsItsHttpExchangeAndItsTlsConnection() throws Exception {
        RecordingSink sink = new RecordingSink();
        AtomicLong progress = new AtomicLong();

        new PcapReader(progress::set).read(RealCapturesTest.resource("two_flows.pcap"), sink);

        assertThat(sink.observations).hasSize(2);
        assertThat(sink.observations).filteredOn(Exchange.class::isInstance).singleElement()
                .satisfies(o -> {
                    Exchange e = (Exchange) o;
                    assertThat(e.origin()).startsWith("packet ");
                    assertThat(e.server().ip()).isEqualTo("216.58.208.164");
                    assertThat(e.request().method()).isEqualTo("GET");
                });
        assertThat(sink.observations).filteredOn(OpaqueConnection.class::isInstance).singleElement()
                .satisfies(o -> assertThat(((OpaqueConnection) o).server().ip()).isEqualTo("142.250.180.131"));
        assertThat(progress.get()).isEqualTo(26069);
    }

    @Test
    void sniffsClassicAndNextGenerationMagicsOnly() {
        PcapReader reader = new PcapReader();

        assertThat(reader.sniff(null, new byte[]{(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1})).isTrue();
        assertThat(reader.sniff(null, new byte[]{(byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d})).isTrue();
        assertThat(reader.sniff(null, new byte[]{0x0a, 0x0d, 0x0d, 0x0a})).isTrue();
        assertThat(reader.sniff(null, "{\"log\":".getBytes())).isFalse();
    }
}
