package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Payload;

/** Ids, hashes and random tokens are everywhere in requests; they must stay leaves, not explode into noise. */
class RandomTokensTest {
    private static final int TOKENS = 1000;

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20200421})
    void randomBase64TokensProduceNoChildren(long seed) {
        Random random = new Random(seed);
        List<String> exploded = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            String token = randomBase64(random);
            Walks.Result r = Walks.walk(Payload.root("request.header:x-token", utf8(token), null, null));
            if (r.nodes().size() != 1) {
                exploded.add(token + " -> " + r.paths());
            }
        }
        assertThat(exploded).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 99})
    void randomBase64TokensInAQueryStringGiveOnlyTheirParameters(long seed) {
        Random random = new Random(seed);
        List<String> exploded = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            String token = randomBase64(random).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
            Walks.Result r = Walks.walk(Walks.url("https://t.example/p?id=" + token + "&v=2"));
            if (r.nodes().size() != 3) {
                exploded.add(token + " -> " + r.paths());
            }
        }
        assertThat(exploded).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 1234})
    void randomHexIdsProduceNoChildren(long seed) {
        Random random = new Random(seed);
        List<String> exploded = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            byte[] id = new byte[8 + random.nextInt(40)];
            random.nextBytes(id);
            String hex = random.nextBoolean() ? HexFormat.of().formatHex(id) : HexFormat.of().withUpperCase().formatHex(id);
            Walks.Result r = Walks.walk(Payload.root("request.cookie:uid", utf8(hex), null, null));
            if (r.nodes().size() != 1) {
                exploded.add(hex + " -> " + r.paths());
            }
        }
        assertThat(exploded).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 77})
    void randomBinaryBodiesAreNotMisreadAsAnything(long seed) {
        Random random = new Random(seed);
        List<String> exploded = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            byte[] body = new byte[8 + random.nextInt(200)];
            random.nextBytes(body);
            Walks.Result r = Walks.walk(Payload.root("request.body", body, null, null));
            if (r.nodes().size() != 1) {
                exploded.add(HexFormat.of().formatHex(body) + " -> " + r.paths());
            }
        }
        assertThat(exploded).isEmpty();
    }

    private static String randomBase64(Random random) {
        byte[] raw = new byte[6 + random.nextInt(60)];
        random.nextBytes(raw);
        return switch (random.nextInt(4)) {
            case 0 -> Base64.getEncoder().encodeToString(raw);
            case 1 -> Base64.getEncoder().withoutPadding().encodeToString(raw);
            case 2 -> Base64.getUrlEncoder().encodeToString(raw);
            default -> Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
