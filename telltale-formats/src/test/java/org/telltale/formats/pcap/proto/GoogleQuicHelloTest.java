package org.telltale.formats.pcap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoogleQuicHelloTest {
    private static final byte[] Q025 = Fixtures.hex("gquic-q025.hex");
    private static final byte[] Q035 = Fixtures.hex("gquic-q035.hex");

    @Test
    void chromeQ025HelloFromARealCaptureNamesItsServer() {
        assertThat(GoogleQuicHello.parse(Q025, 0, Q025.length)).isEqualTo(new ClientHelloInfo("www.google.it", null));
    }

    @Test
    void androidQ035HelloFromARealCaptureNamesItsServer() {
        assertThat(GoogleQuicHello.parse(Q035, 0, Q035.length))
                .isEqualTo(new ClientHelloInfo("ssl.gstatic.com", null));
    }

    @Test
    void aHelloInsideALargerBufferIsReadFromItsOffset() {
        byte[] framed = new byte[Q035.length + 20];
        System.arraycopy(Q035, 0, framed, 12, Q035.length);

        assertThat(GoogleQuicHello.parse(framed, 12, Q035.length).sni()).isEqualTo("ssl.gstatic.com");
    }

    @Test
    void ietfQuicInitialIsNotTakenForGoogleQuic() {
        byte[] ietf = Fixtures.hex("rfc9001-a2-client-initial.hex");

        assertThat(GoogleQuicHello.parse(ietf, 0, ietf.length)).isNull();
    }

    @Test
    void aPacketWithoutTheVersionFlagIsNotAHello() {
        byte[] noVersion = Q035.clone();
        noVersion[0] &= ~1;

        assertThat(GoogleQuicHello.parse(noVersion, 0, noVersion.length)).isNull();
    }

    @Test
    void everyTruncationGivesNothingOrTheWholeName() {
        for (int len = 0; len <= Q025.length; len++) {
            ClientHelloInfo info = GoogleQuicHello.parse(Q025, 0, len);
            assertThat(info == null || "www.google.it".equals(info.sni())).as("length %d", len).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void damagedHellosNeverThrow(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            byte[] bad = Q035.clone();
            for (int k = random.nextInt(4); k >= 0; k--) {
                bad[random.nextInt(300)] = (byte) random.nextInt(256);
            }
            int len = random.nextInt(bad.length + 1);
            ClientHelloInfo info = GoogleQuicHello.parse(bad, 0, len);
            assertThat(info == null || info.sni() == null || info.sni().matches("[!-~]+")).isTrue();
        }
    }
}
