package org.telltale.formats.pcap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuicInitialTest {
    /** RFC 9001 Appendix A.2: the protected client Initial, whose ClientHello names example.com and offers "alpn". */
    private static final byte[] RFC_INITIAL = Fixtures.hex("rfc9001-a2-client-initial.hex");

    @Test
    void clientKeysMatchRfc9001AppendixA1() {
        QuicInitialKeys keys = QuicInitialKeys.forClient(1, HexFormat.of().parseHex("8394c8f03e515708"));

        assertThat(HexFormat.of().formatHex(keys.key())).isEqualTo("1f369613dd76d5467730efcbe3b1a22d");
        assertThat(HexFormat.of().formatHex(keys.iv())).isEqualTo("fa044b2f42a3fd3b46fb255c");
        assertThat(HexFormat.of().formatHex(keys.hp())).isEqualTo("9f50449e04a0e810283a1e9933adedd2");
    }

    @Test
    void clientKeysOfVersion2MatchRfc9369AppendixA1() {
        QuicInitialKeys keys = QuicInitialKeys.forClient(QuicInitialKeys.VERSION_2, HexFormat.of().parseHex("8394c8f03e515708"));

        assertThat(HexFormat.of().formatHex(keys.key())).isEqualTo("8b1a0bc121284290a29e0971b5cd045d");
        assertThat(HexFormat.of().formatHex(keys.iv())).isEqualTo("91f73e2351d8fa91660e909f");
        assertThat(HexFormat.of().formatHex(keys.hp())).isEqualTo("45b95e15235d6f45a6b19cbcb0294ba9");
    }

    @Test
    void rfcClientInitialGivesExampleComAndItsAlpn() {
        assertThat(RFC_INITIAL).hasSize(1200);

        ClientHelloInfo info = QuicInitial.parse(RFC_INITIAL, 0, RFC_INITIAL.length);

        assertThat(info).isEqualTo(new ClientHelloInfo("example.com", List.of("alpn")));
    }

    @Test
    void tamperedPayloadFailsAuthenticationAndGivesNull() {
        byte[] tampered = RFC_INITIAL.clone();
        tampered[600] ^= 1;

        assertThat(QuicInitial.parse(tampered, 0, tampered.length)).isNull();
    }

    @Test
    void truncatedDatagramGivesNull() {
        assertThat(QuicInitial.parse(RFC_INITIAL, 0, 1100)).isNull();
    }

    @Test
    void unknownVersionGivesNull() {
        byte[] other = RFC_INITIAL.clone();
        other[4] = 2;

        assertThat(QuicInitial.parse(other, 0, other.length)).isNull();
    }

    @Test
    void googleQuicFromARealCaptureIsNotIetfQuic() {
        byte[] gquic = Fixtures.hex("gquic-q025.hex");

        assertThat(QuicInitial.parse(gquic, 0, gquic.length)).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void damagedHeadersNeverThrow(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            byte[] bad = RFC_INITIAL.clone();
            bad[random.nextInt(64)] = (byte) random.nextInt(256);
            int len = random.nextInt(bad.length + 1);
            ClientHelloInfo info = QuicInitial.parse(bad, 0, len);
            assertThat(info == null || "example.com".equals(info.sni())).isTrue();
        }
    }
}
