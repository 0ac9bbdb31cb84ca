package org.telltale.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Payload;

class CanaryMatcherTest {
    private static final Canary VISIT = new Canary("visit-1", CanaryType.URL,
            "https://example.org/private/page-2231", List.of());
    private static final Canary QUERY = new Canary("query-1", CanaryType.SEARCH, "purple elephant 4921",
            List.of("duckduckgo.com"));
    private static final Canary EMAIL = new Canary("mail-1", CanaryType.EMAIL, "Jane.Doe@example.com", List.of());
    private static final Canary IMEI = new Canary("imei-1", CanaryType.IMEI, "490154203237518", List.of());
    private static final Canary PHONE = new Canary("phone-1", CanaryType.PHONE, "+33 6 12 34 56 78", List.of());
    private static final Canary MAC = new Canary("mac-1", CanaryType.MAC, "aa:bb:cc:dd:ee:0f", List.of());
    private static final Canary AD_ID = new Canary("adid-1", CanaryType.ADVERTISING_ID,
            "38400000-8cf0-11bd-b23e-10b96e40000d", List.of());

    private final CanaryMatcher matcher = new CanaryMatcher(List.of(VISIT, QUERY, EMAIL, IMEI, PHONE, MAC, AD_ID));

    @Test
    void aFormEncodedSearchInAQueryStringIsFound() {
        String url = "/?q=purple+elephant+4921&t=h_&ia=web";
        assertThat(detect(url)).extracting(Detection::canary, Detection::kind, Detection::value, Detection::matched,
                Detection::transform, Detection::confidence, Detection::start, Detection::end)
                .containsExactly(tuple("query-1", "search", "purple elephant 4921", "purple+elephant+4921",
                        "form-encoded", Confidence.CERTAIN, 4, 24));
    }

    @Test
    void aSearchInsideJsonIsFoundPlain() {
        String json = "{\"event\":\"search\",\"props\":{\"term\":\"Purple Elephant 4921\"}}";
        assertThat(detect(json)).extracting(Detection::canary, Detection::matched, Detection::transform)
                .containsExactly(tuple("query-1", "Purple Elephant 4921", "plain"));
    }

    @Test
    void aUrlInARefererHeaderIsFoundOnceWithItsLongestPlainSpelling() {
        String header = "https://example.org/private/page-2231/";
        List<Detection> found = detect(header);
        assertThat(found).extracting(Detection::matched, Detection::transform, Detection::start, Detection::end)
                .containsExactly(tuple(header, "plain", 0, header.length()));
    }

    @Test
    void aPercentEncodedUrlInAnAnalyticsHitIsFound() {
        String hit = "v=1&t=pageview&dl=https%3A%2F%2Fexample.org%2Fprivate%2Fpage-2231&ul=en-us";
        assertThat(detect(hit)).extracting(Detection::matched, Detection::transform)
                .containsExactly(tuple("https%3A%2F%2Fexample.org%2Fprivate%2Fpage-2231", "url-encoded"));
    }

    @Test
    void aDoubleEncodedUrlAndAJsonEscapedUrlAreFound() {
        assertThat(detect("u=https%253A%252F%252Fexample.org%252Fprivate%252Fpage-2231"))
                .extracting(Detection::transform).containsExactly("double-url-encoded");
        assertThat(detect("{\"page\":\"https:\\/\\/example.org\\/private\\/page-2231\"}"))
                .extracting(Detection::transform).containsExactly("json-escaped");
    }

    @Test
    void aHashedEmailIsFoundInHexOfEitherCaseAndInBase64() throws Exception {
        byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256")
                .digest("jane.doe@example.com".getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(sha256);
        String body = "{\"user_data\":{\"em\":\"" + hex.toUpperCase(Locale.ROOT) + "\"}}";
        assertThat(detect(body)).extracting(Detection::canary, Detection::transform, Detection::start)
                .containsExactly(tuple("mail-1", "sha256", body.indexOf(hex.toUpperCase(Locale.ROOT))));
        String b64 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha256);
        assertThat(detect("X-User-Hash: " + b64)).extracting(Detection::transform).containsExactly("sha256-base64");
    }

    @Test
    void anImeiHashedWithTheJavaHexBugIsFound() {
        // md5("490154203237518") = 0eaed834a1e6f4b2bf0c024e0013dea1, computed with Python.
        assertThat(detect("did=eaed834a1e6f4b2bfc24e013dea1&os=android"))
                .extracting(Detection::canary, Detection::transform).containsExactly(tuple("imei-1", "md5-java-hex"));
    }

    @Test
    void phoneNumbersAreFoundInEachSpellingAndNotAsTheTailOfALongerNumber() {
        assertThat(detect("phone=0612345678&x=1")).extracting(Detection::matched).containsExactly("0612345678");
        assertThat(detect("{\"msisdn\":\"33612345678\"}")).extracting(Detection::matched)
                .containsExactly("33612345678");
        assertThat(detect("{\"tel\":\"+33612345678\"}")).extracting(Detection::matched)
                .containsExactly("+33612345678");
    }

    @Test
    void macAddressesAndAdvertisingIdsAreFoundInOtherSpellings() {
        assertThat(detect("bssid=AA-BB-CC-DD-EE-0F&rssi=-40")).extracting(Detection::canary, Detection::matched)
                .containsExactly(tuple("mac-1", "AA-BB-CC-DD-EE-0F"));
        assertThat(detect("{\"idfa\":\"384000008CF011BDB23E10B96E40000D\"}")).extracting(Detection::canary)
                .containsExactly("adid-1");
    }

    @Test
    void aValueAfterAPercentEscapeStillStandsAlone() {
        String nested = "u=https%3A%2F%2Fduckduckgo.com%2F%3Fq%3Dpurple%2Belephant%2B4921";
        assertThat(detect(nested)).extracting(Detection::canary, Detection::transform)
                .containsExactly(tuple("query-1", "double-url-encoded"));
    }

    @Test
    void anImeiInsideALongerRunOfDigitsIsNotAMatch() {
        Canary imei = new Canary("imei-2", CanaryType.IMEI, "123456789012345", List.of());
        CanaryMatcher m = new CanaryMatcher(List.of(imei));
        assertThat(m.detect(NodeView.of(node("serial=91234567890123456"), true, "example.net", null))).isEmpty();
        assertThat(m.detect(NodeView.of(node("serial=123456789012345;"), true, "example.net", null))).hasSize(1);
    }

    @Test
    void nearMissesAndPrefixesAreNotMatches() {
        assertThat(detect("imei=490154203237519")).isEmpty();
        assertThat(detect("q=purple+elephant+492")).isEmpty();
        assertThat(detect("q=purple+elephant")).isEmpty();
        assertThat(detect("ref=https://example.org/private/page-223")).isEmpty();
        assertThat(detect("mail=jane.doe@example.co")).isEmpty();
        assertThat(detect("q=purple+elephant+49210")).isEmpty();
    }

    @Test
    void twoCanariesInOneNodeAreReportedInOrder() {
        String body = "imei=490154203237518&q=purple%20elephant%204921";
        assertThat(detect(body)).extracting(Detection::canary, Detection::transform, Detection::start)
                .containsExactly(tuple("imei-1", "plain", 5), tuple("query-1", "url-encoded", 23));
    }

    @Test
    void canariesAreFoundInARealTrackerPostBody() throws IOException {
        // mitmproxy's postdata.har: a real ad-metrics POST with a JSON body.
        JsonNode har;
        try (InputStream in = getClass().getResourceAsStream("/canary/postdata.har")) {
            har = new ObjectMapper().readTree(in);
        }
        String body = har.at("/log/entries/0/request/postData/text").asText();
        CanaryMatcher m = new CanaryMatcher(List.of(
                new Canary("ref", CanaryType.URL, "https://www.google.com/", List.of()),
                new Canary("page", CanaryType.PATH, "/post-online", List.of()),
                new Canary("view", CanaryType.TEXT, "1689428126308", List.of()),
                new Canary("near", CanaryType.TEXT, "1689428126309", List.of()),
                new Canary("prefix", CanaryType.TEXT, "16894281263081", List.of()),
                new Canary("inner", CanaryType.TEXT, "68942812630", List.of())));
        List<Detection> found = m.detect(NodeView.of(Payload.root("request.body", body.getBytes(StandardCharsets.UTF_8),
                "text/plain", null), true, "signal-metrics-collector-beta.s-onetag.com", null));
        assertThat(found).extracting(Detection::canary, Detection::start).containsExactly(
                tuple("view", body.indexOf("1689428126308")),
                tuple("page", body.indexOf("/post-online")),
                tuple("ref", body.indexOf("https://www.google.com/")));
    }

    @Test
    void aNodeBuiltToMatchEverywhereIsBounded() {
        CanaryMatcher m = new CanaryMatcher(List.of(new Canary("t", CanaryType.TEXT, "abcd", List.of())));
        String many = "abcd ".repeat(50_000);
        List<Detection> found = m.detect(NodeView.of(node(many), true, "example.net", null));
        assertThat(found).hasSizeBetween(1, CanaryMatcher.MAX_MATCHES_PER_NODE);
    }

    @Test
    void emptyNodesAndNoCanariesFindNothing() {
        assertThat(detect("")).isEmpty();
        assertThat(new CanaryMatcher(List.of()).detect(NodeView.of(node("purple elephant 4921"), true, "x.org", null))).isEmpty();
    }

    @Test
    void longSpellingsSharingTheirFirstSixteenBytesAreEachFoundInEitherCase() {
        Canary a = new Canary("a", CanaryType.URL, "https://example.org/private/page-2231", List.of());
        Canary b = new Canary("b", CanaryType.URL, "https://example.org/private/page-7305", List.of());
        CanaryMatcher m = new CanaryMatcher(List.of(a, b));

        List<Detection> found = m.detect(NodeView.of(node("r=HTTPS://EXAMPLE.ORG/PRIVATE/PAGE-7305&s=https://example.org/private/page-2231"),
                true, "x.org", null));

        assertThat(found).extracting(Detection::canary, Detection::transform).containsExactly(
                tuple("b", "plain"), tuple("a", "plain"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theLongSpellingIndexFindsWhatANaiveSearchFinds(long seed) {
        Random random = new Random(seed);
        List<byte[]> patterns = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        String prefix = randomText(random, CanaryMatcher.LongPatterns.WINDOW);
        for (int i = 0; i < 40; i++) {
            // Some share a whole window, so that one bucket holds several spellings.
            String p = (i % 4 == 0 ? prefix : "") + randomText(random, CanaryMatcher.LongPatterns.WINDOW + random.nextInt(30));
            patterns.add(p.getBytes(StandardCharsets.UTF_8));
            ids.add(i);
        }
        CanaryMatcher.LongPatterns index = new CanaryMatcher.LongPatterns(patterns, ids);
        StringBuilder text = new StringBuilder();
        while (text.length() < 4000) {
            String p = new String(patterns.get(random.nextInt(patterns.size())), StandardCharsets.UTF_8);
            text.append(randomText(random, random.nextInt(20))).append(random.nextBoolean() ? p : p.toUpperCase(Locale.ROOT));
        }
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);

        List<String> found = new ArrayList<>();
        index.scan(data, (pattern, end) -> found.add(pattern + "@" + end));

        List<String> naive = new ArrayList<>();
        String folded = text.toString().toLowerCase(Locale.ROOT);
        for (int start = 0; start < folded.length(); start++) {
            for (int p = 0; p < patterns.size(); p++) {
                String pattern = new String(patterns.get(p), StandardCharsets.UTF_8);
                if (folded.startsWith(pattern, start)) {
                    naive.add(p + "@" + (start + pattern.length()));
                }
            }
        }
        assertThat(naive).isNotEmpty();
        assertThat(found).containsExactlyInAnyOrderElementsOf(naive);
    }

    @Test
    void nodesShorterThanTheWindowAndSpellingsAtTheVeryEndAreHandled() {
        byte[] pattern = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);
        CanaryMatcher.LongPatterns index = new CanaryMatcher.LongPatterns(List.of(pattern), List.of(7));
        List<Integer> ends = new ArrayList<>();

        index.scan("0123456789abcde".getBytes(StandardCharsets.UTF_8), (p, end) -> ends.add(end));
        index.scan("xx0123456789ABCDEF0123".getBytes(StandardCharsets.UTF_8), (p, end) -> ends.add(p * 1000 + end));

        assertThat(ends).containsExactly(7022);
    }

    /** Lower-case letters and digits, the alphabet of hex and of folded base64. */
    private static String randomText(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private List<Detection> detect(String text) {
        return matcher.detect(NodeView.of(node(text), true, "tracker.example.net", null));
    }

    private static Payload node(String text) {
        return Payload.root("request.url", text.getBytes(StandardCharsets.UTF_8), null, null);
    }
}
