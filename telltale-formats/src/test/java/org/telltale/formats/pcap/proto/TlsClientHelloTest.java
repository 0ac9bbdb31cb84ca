package org.telltale.formats.pcap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsClientHelloTest {
    /** A real Firefox hello; tshark reads SNI www.ntop.org and ALPN h2, http/1.1 from it. */
    private static final byte[] FIREFOX = Fixtures.hex("firefox-clienthello.hex");

    @Test
    void firefoxHelloGivesItsServerNameAndProtocols() {
        ClientHelloInfo info = TlsClientHello.parse(FIREFOX, 0, FIREFOX.length);

        assertThat(info).isEqualTo(new ClientHelloInfo("www.ntop.org", List.of("h2", "http/1.1")));
    }

    @Test
    void helloInsideALargerArrayIsReadAtItsOffset() {
        byte[] padded = new byte[FIREFOX.length + 20];
        System.arraycopy(FIREFOX, 0, padded, 7, FIREFOX.length);

        assertThat(TlsClientHello.parse(padded, 7, FIREFOX.length).sni()).isEqualTo("www.ntop.org");
    }

    @Test
    void bareHandshakeMessageIsReadAsQuicCarriesIt() {
        byte[] handshake = Arrays.copyOfRange(FIREFOX, 5, FIREFOX.length);

        assertThat(TlsClientHello.parse(handshake, 0, handshake.length).sni()).isEqualTo("www.ntop.org");
    }

    @Test
    void helloSplitOverTwoRecordsIsJoined() {
        byte[] split = splitIntoTwoRecords(FIREFOX, 100);

        assertThat(TlsClientHello.parse(split, 0, split.length).alpn()).containsExactly("h2", "http/1.1");
    }

    @Test
    void everyShorterPrefixGivesNullAndAsksForMore() {
        for (int n = 1; n < FIREFOX.length; n++) {
            assertThat(TlsClientHello.parse(FIREFOX, 0, n)).as("prefix of %d bytes", n).isNull();
            assertThat(TlsClientHello.scanRecords(FIREFOX, 0, n).needMore()).as("prefix of %d bytes", n).isTrue();
        }
    }

    @Test
    void applicationDataRecordIsNotAHello() {
        byte[] appData = FIREFOX.clone();
        appData[0] = 0x17;

        assertThat(TlsClientHello.parse(appData, 0, appData.length)).isNull();
    }

    @Test
    void serverHelloIsNotAClientHello() {
        byte[] serverHello = FIREFOX.clone();
        serverHello[5] = 2;

        assertThat(TlsClientHello.parse(serverHello, 0, serverHello.length)).isNull();
        assertThat(TlsClientHello.scanRecords(serverHello, 0, serverHello.length).problem()).contains("not a ClientHello");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void corruptedHellosNeverThrow(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            byte[] bad = FIREFOX.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            int len = 1 + random.nextInt(bad.length);
            ClientHelloInfo info = TlsClientHello.parse(bad, 0, len);
            if (info != null && info.sni() != null) {
                assertThat(info.sni()).doesNotContainPattern("[\\x00-\\x20\\x7f]");
            }
        }
    }

    /** The same handshake bytes re-framed as two TLS records, the first holding firstLength of them. */
    static byte[] splitIntoTwoRecords(byte[] record, int firstLength) {
        byte[] handshake = Arrays.copyOfRange(record, 5, record.length);
        int second = handshake.length - firstLength;
        byte[] out = new byte[10 + handshake.length];
        out[0] = 0x16;
        out[1] = 3;
        out[2] = 1;
        out[3] = (byte) (firstLength >> 8);
        out[4] = (byte) firstLength;
        System.arraycopy(handshake, 0, out, 5, firstLength);
        int p = 5 + firstLength;
        out[p] = 0x16;
        out[p + 1] = 3;
        out[p + 2] = 1;
        out[p + 3] = (byte) (second >> 8);
        out[p + 4] = (byte) second;
        System.arraycopy(handshake, firstLength, out, p + 5, second);
        return out;
    }
}
