package org.telltale.formats.pcap.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** However the capture layer cuts the same bytes into calls, the parser must read the same exchanges. */
class ConnectionParserChoppingTest {
    private static final Feed HTTP = new Feed()
            .client("GET /a?q=1 HTTP/1.1\r\nHost: h.example\r\n\r\nHEAD /b HTTP/1.1\r\nHost: h.example\r\n\r\n")
            .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-T: 1\r\n\r\n")
            .server("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n")
            .client("POST /c HTTP/1.1\r\nHost: h.example\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n")
            .server("HTTP/1.1 100 Continue\r\n\r\n")
            .client("4\r\nuid=\r\n2\r\n42\r\n0\r\n\r\n")
            .server("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
            .client("CONNECT t.example:443 HTTP/1.1\r\nHost: t.example:443\r\n\r\n")
            .server("HTTP/1.1 200 Connection established\r\n\r\n")
            .add(true, Fixtures.hex("firefox-clienthello.hex"));

    private static final List<String> EXPECTED = List.of(
            "packet 1 GET http://h.example/a?q=1 0 bytes -> 200 with 19 bytes",
            "packet 1 HEAD http://h.example/b 0 bytes -> 200 with 0 bytes",
            "packet 4 POST http://h.example/c 6 bytes -> 201 with 2 bytes",
            "packet 8 CONNECT http://t.example:443 0 bytes -> 200 with 0 bytes");

    private static final int TOTAL = HTTP.steps.stream().mapToInt(s -> s.bytes().length).sum();

    static IntStream everyCut() {
        return IntStream.range(1, TOTAL);
    }

    @ParameterizedTest
    @MethodSource("everyCut")
    void oneCutAnywhereGivesTheSameExchanges(int cut) {
        RecordingEvents ev = HTTP.runChopped((step, length) -> {
            int before = HTTP.steps.subList(0, step).stream().mapToInt(s -> s.bytes().length).sum();
            int local = cut - before;
            return local > 0 && local < length ? new int[] {local} : new int[0];
        });

        assertSameReading(ev);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomCutsGiveTheSameExchanges(long seed) {
        Random random = new Random(seed);
        RecordingEvents ev = HTTP.runChopped((step, length) -> random.ints(random.nextInt(Math.min(length, 40)), 1, Math.max(2, length))
                .distinct().sorted().filter(c -> c < length).toArray());

        assertSameReading(ev);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void oneByteAtATimeGivesTheSameExchanges(long ignored) {
        RecordingEvents ev = HTTP.runChopped((step, length) -> IntStream.range(1, length).toArray());

        assertSameReading(ev);
    }

    private static void assertSameReading(RecordingEvents ev) {
        assertThat(ev.summary()).containsExactlyElementsOf(EXPECTED);
        assertThat(ev.exchanges.get(0).response().header("X-T")).isEqualTo("1");
        assertThat(new String(ev.exchanges.get(2).request().body())).isEqualTo("uid=42");
        assertThat(ev.opaque).hasSize(1);
        assertThat(ev.opaque.get(0).sni()).isEqualTo("www.ntop.org");
        assertThat(ev.opaquePackets).containsExactly(10L);
        assertThat(ev.diagnostics).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108})
    void damagedStreamsNeverBreakTheParser(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            Feed damaged = new Feed();
            for (Feed.Step s : HTTP.steps) {
                byte[] b = s.bytes().clone();
                for (int k = 0; k < random.nextInt(4); k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                if (random.nextInt(8) == 0) {
                    if (s.fromClient()) {
                        damaged.clientGap(1 + random.nextInt(50));
                    } else {
                        damaged.serverGap(1 + random.nextInt(50));
                    }
                }
                damaged.add(s.fromClient(), Arrays.copyOf(b, 1 + random.nextInt(b.length)));
            }
            RecordingEvents ev = damaged.runChopped((step, length) -> new int[0]);

            assertThat(ev.diagnostics).noneMatch(d -> d.contains("internal error"));
            assertThat(ev.exchanges.size()).isLessThanOrEqualTo(5);
        }
    }
}
