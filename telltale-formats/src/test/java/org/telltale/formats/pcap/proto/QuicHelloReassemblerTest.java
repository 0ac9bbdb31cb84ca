package org.telltale.formats.pcap.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.formats.pcap.proto.InitialPackets.RFC_DCID;
import static org.telltale.formats.pcap.proto.InitialPackets.ack;
import static org.telltale.formats.pcap.proto.InitialPackets.clientHello;
import static org.telltale.formats.pcap.proto.InitialPackets.concat;
import static org.telltale.formats.pcap.proto.InitialPackets.crypto;
import static org.telltale.formats.pcap.proto.InitialPackets.initial;
import static org.telltale.formats.pcap.proto.InitialPackets.ping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuicHelloReassemblerTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    /** A hello as large as Chrome's with its X25519MLKEM768 key share: too large for one Initial. */
    private static final byte[] PQ_HELLO = clientHello("www.example.org", List.of("h3"), 1216);
    private static final ClientHelloInfo PQ_INFO = new ClientHelloInfo("www.example.org", List.of("h3"));
    /** The handshake message inside the TLS record of the real Firefox hello (www.ntop.org, h2 and http/1.1). */
    private static final byte[] FIREFOX_HELLO = Arrays.copyOfRange(Fixtures.hex("firefox-clienthello.hex"), 5, 5 + 512);
    private static final ClientHelloInfo FIREFOX_INFO = new ClientHelloInfo("www.ntop.org", List.of("h2", "http/1.1"));

    private final QuicHelloReassembler<String> flows = new QuicHelloReassembler<>();

    @Test
    void postQuantumHelloSplitOverTwoDatagramsIsPutTogether() {
        assertThat(PQ_HELLO.length).isGreaterThan(1300);
        byte[] first = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 1100), 1200);
        byte[] second = initial(RFC_DCID, 1, crypto(PQ_HELLO, 1100, PQ_HELLO.length), 1200);

        assertThat(flows.offer("a", 7, T0, first, 0, first.length)).isNull();
        QuicHelloReassembler.Hello hello = flows.offer("a", 9, T0.plusMillis(1), second, 0, second.length);

        assertThat(hello).isEqualTo(new QuicHelloReassembler.Hello(PQ_INFO, 7, T0));
        assertThat(flows.pending()).isZero();
    }

    @Test
    void neitherHalfAloneIsAHelloForTheSingleDatagramReader() {
        byte[] first = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 1100), 1200);
        byte[] second = initial(RFC_DCID, 1, crypto(PQ_HELLO, 1100, PQ_HELLO.length), 1200);

        assertThat(QuicInitial.parse(first, 0, first.length)).isNull();
        assertThat(QuicInitial.parse(second, 0, second.length)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 100, 125, 511})
    void realFirefoxHelloSplitAtAnyByteIsFound(int cut) {
        // 1-3 fall inside the handshake header; 125 inside the server name
        byte[] first = initial(RFC_DCID, 0, crypto(FIREFOX_HELLO, 0, cut), 1200);
        byte[] second = initial(RFC_DCID, 1, crypto(FIREFOX_HELLO, cut, FIREFOX_HELLO.length), 1200);

        assertThat(flows.offer("a", 1, T0, first, 0, first.length)).isNull();
        assertThat(flows.offer("a", 2, T0, second, 0, second.length).info()).isEqualTo(FIREFOX_INFO);
    }

    @Test
    void cryptoFramesOutOfOrderAndRepeatedGiveTheHelloOnce() {
        byte[] head = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 700), 1200);
        byte[] middle = initial(RFC_DCID, 1, crypto(PQ_HELLO, 600, 1300), 1200);
        byte[] tail = initial(RFC_DCID, 2, crypto(PQ_HELLO, 1300, PQ_HELLO.length), 1200);

        assertThat(flows.offer("a", 1, T0, tail, 0, tail.length)).isNull();
        assertThat(flows.offer("a", 2, T0, tail, 0, tail.length)).isNull();
        assertThat(flows.offer("a", 3, T0, middle, 0, middle.length)).isNull();
        QuicHelloReassembler.Hello hello = flows.offer("a", 4, T0, head, 0, head.length);

        assertThat(hello).isEqualTo(new QuicHelloReassembler.Hello(PQ_INFO, 1, T0));
    }

    @Test
    void coalescedInitialsInOneDatagramGiveTheHelloAtOnce() {
        byte[] datagram = concat(initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 900), 0),
                initial(RFC_DCID, 1, crypto(PQ_HELLO, 900, PQ_HELLO.length), 0));

        assertThat(flows.offer("a", 5, T0, datagram, 0, datagram.length).info()).isEqualTo(PQ_INFO);
        assertThat(QuicInitial.parse(datagram, 0, datagram.length)).isEqualTo(PQ_INFO);
    }

    @Test
    void ackPingAndPaddingBetweenCryptoFramesAreSkipped() {
        byte[] frames = concat(ping(), new byte[3], crypto(PQ_HELLO, 800, PQ_HELLO.length), ack(), ping(),
                crypto(PQ_HELLO, 0, 800));
        byte[] datagram = initial(RFC_DCID, 3, frames, 1400);

        assertThat(flows.offer("a", 1, T0, datagram, 0, datagram.length).info()).isEqualTo(PQ_INFO);
    }

    @Test
    void laterInitialsWithTheServersConnectionIdAreOpenedWithTheFirstKeys() {
        byte[] serverCid = HexFormat.of().parseHex("5e77e4c1d2");
        byte[] first = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 1000), 1200);
        // after the server's Initial the client writes the server's ID but keeps the first keys
        byte[] resent = initial(QuicInitialKeys.VERSION_1, serverCid, RFC_DCID, 1,
                concat(ack(), crypto(PQ_HELLO, 1000, PQ_HELLO.length)), 1200);

        assertThat(flows.offer("a", 1, T0, first, 0, first.length)).isNull();
        assertThat(flows.offer("a", 2, T0, resent, 0, resent.length).info()).isEqualTo(PQ_INFO);
    }

    @Test
    void quicVersion2HelloSplitOverTwoDatagramsIsPutTogether() {
        byte[] first = initial(QuicInitialKeys.VERSION_2, RFC_DCID, RFC_DCID, 0, crypto(PQ_HELLO, 0, 1000), 1200);
        byte[] second = initial(QuicInitialKeys.VERSION_2, RFC_DCID, RFC_DCID, 1,
                crypto(PQ_HELLO, 1000, PQ_HELLO.length), 1200);

        assertThat(flows.offer("a", 1, T0, first, 0, first.length)).isNull();
        assertThat(flows.offer("a", 2, T0, second, 0, second.length).info()).isEqualTo(PQ_INFO);
    }

    @Test
    void interleavedFlowsAndConnectionIdsDoNotMix() {
        byte[] otherDcid = HexFormat.of().parseHex("0102030405060708");
        byte[] aHead = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 1000), 1200);
        byte[] aTail = initial(RFC_DCID, 1, crypto(PQ_HELLO, 1000, PQ_HELLO.length), 1200);
        byte[] bHead = initial(otherDcid, 0, crypto(FIREFOX_HELLO, 0, 300), 1200);
        byte[] bTail = initial(otherDcid, 1, crypto(FIREFOX_HELLO, 300, FIREFOX_HELLO.length), 1200);

        assertThat(flows.offer("a", 1, T0, aHead, 0, aHead.length)).isNull();
        assertThat(flows.offer("b", 2, T0, bHead, 0, bHead.length)).isNull();
        // the same connection ID on another flow is another hello
        assertThat(flows.offer("c", 3, T0, aTail, 0, aTail.length)).isNull();
        assertThat(flows.horizon()).isEqualTo(1);
        assertThat(flows.offer("a", 4, T0, aTail, 0, aTail.length)).isEqualTo(new QuicHelloReassembler.Hello(PQ_INFO,
                1, T0));
        assertThat(flows.horizon()).isEqualTo(2);
        assertThat(flows.offer("b", 5, T0, bTail, 0, bTail.length).info()).isEqualTo(FIREFOX_INFO);
    }

    @Test
    void flowsThatNeverCompleteGiveNothingAndStayBounded() {
        byte[] head = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 1000), 1200);
        for (int flow = 0; flow < 3 * QuicHelloReassembler.MAX_PENDING; flow++) {
            assertThat(flows.offer("flow " + flow, flow, T0, head, 0, head.length)).isNull();
            assertThat(flows.pending()).isLessThanOrEqualTo(QuicHelloReassembler.MAX_PENDING);
        }
        // the oldest were evicted first
        assertThat(flows.horizon()).isEqualTo(2 * QuicHelloReassembler.MAX_PENDING);
    }

    @Test
    void helloStillIncompleteAfterItsTimeIsDropped() {
        byte[] head = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 1000), 1200);
        byte[] tail = initial(RFC_DCID, 1, crypto(PQ_HELLO, 1000, PQ_HELLO.length), 1200);
        flows.offer("a", 1, T0, head, 0, head.length);

        flows.evictIdle(T0.plus(QuicHelloReassembler.MAX_AGE).plusSeconds(1));

        assertThat(flows.pending()).isZero();
        assertThat(flows.horizon()).isEqualTo(Long.MAX_VALUE);
        assertThat(flows.offer("a", 2, T0.plusSeconds(11), tail, 0, tail.length)).isNull();
    }

    @Test
    void helloClaimingMoreThanTheCapIsDropped() {
        byte[] huge = clientHello("big.example", List.of("h3"), QuicHelloReassembler.MAX_STREAM);
        byte[] head = initial(RFC_DCID, 0, crypto(huge, 0, 1000), 1200);

        assertThat(flows.offer("a", 1, T0, head, 0, head.length)).isNull();
        assertThat(flows.pending()).isZero();
    }

    @Test
    void streamThatIsNotAClientHelloIsDropped() {
        byte[] notHello = PQ_HELLO.clone();
        notHello[0] = 2;
        byte[] head = initial(RFC_DCID, 0, crypto(notHello, 0, 1000), 1200);

        assertThat(flows.offer("a", 1, T0, head, 0, head.length)).isNull();
        assertThat(flows.pending()).isZero();
    }

    @Test
    void rfcSingleInitialStillGivesExampleComAtOnce() {
        byte[] rfc = Fixtures.hex("rfc9001-a2-client-initial.hex");

        assertThat(flows.offer("a", 3, T0, rfc, 0, rfc.length))
                .isEqualTo(new QuicHelloReassembler.Hello(new ClientHelloInfo("example.com", List.of("alpn")), 3, T0));
        assertThat(flows.pending()).isZero();
    }

    /**
     * Random cuts into CRYPTO frames, some sent twice, shuffled, packed into packets and coalesced
     * into datagrams: the hello comes out exactly with the datagram that fills its last gap.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void anySplitOrderAndRepetitionGivesTheHelloWhenTheLastGapFills(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 10; round++) {
            QuicHelloReassembler<String> fresh = new QuicHelloReassembler<>();
            List<int[]> pieces = new ArrayList<>();
            int pieceCount = 2 + random.nextInt(7);
            int[] cuts = random.ints(pieceCount - 1, 1, PQ_HELLO.length).sorted().distinct().toArray();
            int from = 0;
            for (int cut : cuts) {
                pieces.add(new int[] {from, cut});
                from = cut;
            }
            pieces.add(new int[] {from, PQ_HELLO.length});
            for (int i = random.nextInt(3); i > 0; i--) {
                pieces.add(pieces.get(random.nextInt(pieces.size())));
            }
            Collections.shuffle(pieces, random);

            List<byte[]> datagrams = new ArrayList<>();
            List<List<int[]>> carried = new ArrayList<>();
            long pn = 0;
            int next = 0;
            while (next < pieces.size()) {
                List<int[]> inDatagram = new ArrayList<>();
                byte[] datagram = new byte[0];
                for (int packets = 1 + random.nextInt(3); packets > 0 && next < pieces.size(); packets--) {
                    int[] piece = pieces.get(next++);
                    inDatagram.add(piece);
                    datagram = concat(datagram, initial(RFC_DCID, pn++, crypto(PQ_HELLO, piece[0], piece[1]), 0));
                }
                datagrams.add(datagram);
                carried.add(inDatagram);
            }
            boolean[] covered = new boolean[PQ_HELLO.length];
            int expectedAt = -1;
            for (int d = 0; d < carried.size() && expectedAt < 0; d++) {
                for (int[] piece : carried.get(d)) {
                    Arrays.fill(covered, piece[0], piece[1], true);
                }
                boolean all = true;
                for (boolean c : covered) {
                    all &= c;
                }
                expectedAt = all ? d : -1;
            }

            for (int d = 0; d <= expectedAt; d++) {
                byte[] datagram = datagrams.get(d);
                QuicHelloReassembler.Hello hello = fresh.offer("a", 10 + d, T0, datagram, 0, datagram.length);
                if (d < expectedAt) {
                    assertThat(hello).as("seed %d round %d datagram %d", seed, round, d).isNull();
                } else {
                    assertThat(hello).as("seed %d round %d", seed, round)
                            .isEqualTo(new QuicHelloReassembler.Hello(PQ_INFO, 10, T0));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void damagedDatagramsNeverThrowAndNeverGiveAnotherHello(long seed) {
        Random random = new Random(seed);
        byte[] head = initial(RFC_DCID, 0, crypto(PQ_HELLO, 0, 1000), 1200);
        byte[] tail = initial(RFC_DCID, 1, crypto(PQ_HELLO, 1000, PQ_HELLO.length), 1200);
        for (int round = 0; round < 100; round++) {
            byte[] bad = (random.nextBoolean() ? head : tail).clone();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                bad[random.nextInt(random.nextBoolean() ? 40 : bad.length)] = (byte) random.nextInt(256);
            }
            int len = random.nextInt(bad.length + 1);
            String flow = "f" + random.nextInt(4);
            QuicHelloReassembler.Hello hello = flows.offer(flow, round, T0, bad, 0, len);
            assertThat(hello == null || hello.info().equals(PQ_INFO)).isTrue();
            assertThat(flows.pending()).isLessThanOrEqualTo(QuicHelloReassembler.MAX_PENDING);
        }
    }
}
