package org.telltale.formats.pcap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsParserTest {
    /** Real responses, keyed "file frame"; the expected answers below are tshark's reading of them. */
    private static final Map<String, byte[]> RESPONSES = new HashMap<>();

    static {
        for (String line : Fixtures.lines("dns-responses.txt")) {
            String[] f = line.split(" ");
            RESPONSES.put(f[0] + " " + f[1], HexFormat.of().parseHex(f[2]));
        }
    }

    private static List<DnsAnswer> answers(String key) {
        byte[] m = RESPONSES.get(key);
        return DnsParser.answers(m, 0, m.length);
    }

    @Test
    void threeCnamesAreFollowedBackToTheNameAsked() {
        assertThat(answers("android.pcap 79")).containsExactly(
                new DnsAnswer("captive.apple.com", "17.253.53.201"),
                new DnsAnswer("captive.apple.com", "17.253.53.208"));
    }

    @Test
    void akamaiChainEndsAtTheAppleName() {
        assertThat(answers("iphone.pcap 56")).containsExactly(new DnsAnswer("gspe35-ssl.ls.apple.com", "95.101.25.53"));
    }

    @Test
    void compressedNamesInAChinaCdnChainAreRead() {
        assertThat(answers("weibo.pcap 135")).containsExactly(
                new DnsAnswer("img.t.sinajs.cn", "93.188.134.246"),
                new DnsAnswer("img.t.sinajs.cn", "93.188.134.241"));
    }

    @Test
    void ipv6AnswerIsGivenInItsRfc5952Form() {
        assertThat(answers("metadata.pcap 4")).containsExactly(new DnsAnswer("www.google.com", "2a00:1450:4002:802::2004"));
    }

    @Test
    void queryHasNoAnswers() {
        byte[] query = RESPONSES.get("android.pcap 79").clone();
        query[2] &= 0x7F;

        assertThat(DnsParser.answers(query, 0, query.length)).isEmpty();
    }

    @Test
    void compressionPointerLoopEndsWithoutAnswers() {
        byte[] loop = HexFormat.of().parseHex("1234818000010001000000000000010001" + "c00c00010001000000100004" + "01020304");
        loop[12] = (byte) 0xC0;
        loop[13] = 12;

        assertThat(DnsParser.answers(loop, 0, loop.length)).isEmpty();
    }

    @Test
    void everyTruncationGivesOnlyWholeRecords() {
        byte[] m = RESPONSES.get("android.pcap 79");
        for (int n = 0; n < m.length; n++) {
            assertThat(DnsParser.answers(m, 0, n)).hasSizeLessThan(2);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void corruptedResponsesNeverThrow(long seed) {
        Random random = new Random(seed);
        List<byte[]> all = List.copyOf(RESPONSES.values());
        for (int round = 0; round < 500; round++) {
            byte[] bad = all.get(random.nextInt(all.size())).clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            for (DnsAnswer a : DnsParser.answers(bad, 0, bad.length)) {
                assertThat(a.name().length()).isLessThanOrEqualTo(255);
            }
        }
    }
}
