package org.telltale.testkit.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;

class LeakCorpusGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Fixed seeds, plus one new each run; the test name shows it so a failure can be replayed. */
    static Stream<Long> seeds() {
        return Stream.of(1L, 42L, 2020L, System.nanoTime());
    }

    @Test
    void sameSeedAndSizesGiveByteIdenticalFiles() throws IOException {
        Corpus a = LeakCorpus.generate(7, 60, 12);
        Corpus b = LeakCorpus.generate(7, 60, 12);

        assertThat(Files.readAllBytes(a.writeHar(dir.resolve("a.har"))))
                .isEqualTo(Files.readAllBytes(b.writeHar(dir.resolve("b.har"))));
        assertThat(Files.readString(a.writeCanaries(dir.resolve("a.yaml"))))
                .isEqualTo(Files.readString(b.writeCanaries(dir.resolve("b.yaml"))));
        assertThat(a.truth()).isEqualTo(b.truth());
        assertThat(a.decoys()).isEqualTo(b.decoys());
    }

    @Test
    void differentSeedsGiveDifferentCanariesAndTraffic() {
        Corpus a = LeakCorpus.generate(7, 60, 12);
        Corpus b = LeakCorpus.generate(8, 60, 12);

        assertThat(a.canaries().canaries()).isNotEqualTo(b.canaries().canaries());
        assertThat(a.exchanges().stream().map(e -> e.request().url()).toList())
                .isNotEqualTo(b.exchanges().stream().map(e -> e.request().url()).toList());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyTruthRowsChainLeadsToItsCanaryInTheWrittenHar(long seed) throws IOException {
        Corpus corpus = LeakCorpus.generate(seed, 120, 14);
        JsonNode entries = readHar(corpus);
        Map<String, Canary> canaries = byId(corpus);

        List<String> broken = new ArrayList<>();
        for (TruthRow row : corpus.truth()) {
            ChainPeeler.Req req = ChainPeeler.Req.fromHar(entries.get(row.flow()).path("request"));
            if (!ChainPeeler.leadsTo(req, row.chain(), canaries.get(row.canary()).value())) {
                broken.add(row.toString());
            }
        }
        assertThat(broken).as("rows whose chain does not reach the canary").isEmpty();
        assertThat(corpus.truth()).hasSizeGreaterThan(20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void leaksLeaveForOtherSitesAndExpectedRowsStayWithTheirSiteOrEngine(long seed) {
        Corpus corpus = LeakCorpus.generate(seed, 120, 14);
        Map<String, Canary> canaries = byId(corpus);

        for (TruthRow row : corpus.truth()) {
            String host = URI.create(corpus.exchanges().get(row.flow()).request().url()).getHost();
            boolean allowed = allowedDomains(canaries.get(row.canary())).stream()
                    .anyMatch(d -> host.equals(d) || host.endsWith("." + d));
            assertThat(allowed).as("%s to %s", row, host).isEqualTo(row.verdict() == Verdict.EXPECTED);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void flowsThatAreNotInTheTruthCarryNoCanaryInAnyPlainSpelling(long seed) throws IOException {
        Corpus corpus = LeakCorpus.generate(seed, 150, 14);
        JsonNode entries = readHar(corpus);
        Set<Integer> carrying = corpus.truth().stream().map(TruthRow::flow).collect(Collectors.toSet());

        int checked = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (carrying.contains(i)) {
                continue;
            }
            String sent = ChainPeeler.Req.fromHar(entries.get(i).path("request")).allText();
            String haystack = (sent + "\n" + formDecoded(sent)).toLowerCase(Locale.ROOT);
            for (Canary c : corpus.canaries().canaries()) {
                for (String spelling : plainSpellings(c)) {
                    assertThat(haystack).as("flow %d (%s) must not carry %s", i, corpus.flows().get(i).scene(), c.id())
                            .doesNotContain(spelling.toLowerCase(Locale.ROOT));
                }
            }
            checked++;
        }
        assertThat(checked).isEqualTo(corpus.decoys().size()).isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachDecoyIsTheTrapItClaimsToBe(long seed) throws IOException {
        Corpus corpus = LeakCorpus.generate(seed, 150, 14);
        JsonNode entries = readHar(corpus);
        Map<String, Canary> canaries = byId(corpus);
        Set<String> values = canaries.values().stream().map(c -> c.value().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());

        for (Decoy d : corpus.decoys()) {
            String canary = canaries.get(d.imitates()).value();
            JsonNode entry = entries.get(d.flow());
            String sent = ChainPeeler.Req.fromHar(entry.path("request")).allText();
            switch (d.kind()) {
                case Decoy.NEAR_MISS -> assertThat(differences(d.value(), canary)).isEqualTo(1);
                case Decoy.PREFIX -> assertThat(canary).startsWith(d.value()).isNotEqualTo(d.value());
                case Decoy.RANDOM_BASE64 -> assertThat(d.value())
                        .hasSize(Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)).length())
                        .matches("[A-Za-z0-9+/]+");
                case Decoy.RANDOM_HEX -> assertThat(d.value().length()).isIn(32, 40, 64);
                case Decoy.RESPONSE_ECHO -> {
                    assertThat(entry.path("response").path("content").path("text").asText()).contains(canary);
                    assertThat(sent).doesNotContain(canary);
                }
                default -> assertThat(values).doesNotContain(d.value().toLowerCase(Locale.ROOT));
            }
            if (!d.kind().equals(Decoy.RESPONSE_ECHO)) {
                assertThat(sent.contains(d.value()) || formDecoded(sent).contains(d.value()))
                        .as("decoy %s is in its request", d).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void flowsInTheIncognitoWindowAreExactlyThoseMarked(long seed) throws IOException {
        Corpus corpus = LeakCorpus.generate(seed, 40, 10);
        JsonNode entries = readHar(corpus);
        JsonNode session = new YAMLMapper().readTree(corpus.writeCanaries(dir.resolve("c.yaml")).toFile())
                .path("sessions").get(0);
        Instant start = Instant.parse(session.path("start").asText());
        Instant end = Instant.parse(session.path("end").asText());

        int inside = 0;
        for (int i = 0; i < entries.size(); i++) {
            Instant t = Instant.parse(entries.get(i).path("startedDateTime").asText());
            boolean in = !t.isBefore(start) && t.isBefore(end);
            inside += in ? 1 : 0;
            assertThat(corpus.flows().get(i).session()).as("flow %d at %s", i, t)
                    .isEqualTo(in ? LeakCorpus.INCOGNITO : null);
        }
        assertThat(session.path("label").asText()).isEqualTo("incognito");
        assertThat(inside).isBetween(1, entries.size() - 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theHarParsesWithJacksonAndHoldsEveryRequestAsSent(long seed) throws IOException {
        Corpus corpus = LeakCorpus.generate(seed, 80, 12);
        JsonNode entries = readHar(corpus);

        assertThat(entries.size()).isEqualTo(80);
        int binary = 0;
        for (int i = 0; i < entries.size(); i++) {
            ChainPeeler.Req read = ChainPeeler.Req.fromHar(entries.get(i).path("request"));
            assertThat(read.url()).isEqualTo(corpus.exchanges().get(i).request().url());
            assertThat(read.body()).isEqualTo(corpus.exchanges().get(i).request().body());
            binary += "base64".equals(entries.get(i).path("request").path("postData").path("encoding").asText()) ? 1 : 0;
        }
        assertThat(binary).as("binary bodies (gzip, protobuf) written as base64").isPositive();
    }

    @Test
    void withRoomEveryTypeEveryDecoyKindAndFiveSdkFormatsAppearAndEveryCanaryLeaks() {
        Set<String> carriers = new HashSet<>();
        for (long seed : LongStream.rangeClosed(1, 6).toArray()) {
            Corpus corpus = LeakCorpus.generate(seed, 200, 12);
            assertThat(corpus.canaries().canaries()).extracting(Canary::type).contains(CanaryType.values());
            assertThat(corpus.decoys()).extracting(Decoy::kind).contains(Decoy.NEAR_MISS, Decoy.PREFIX,
                    Decoy.RANDOM_BASE64, Decoy.RANDOM_HEX, Decoy.RESPONSE_ECHO, Decoy.UNRELATED);
            assertThat(corpus.leaks()).extracting(TruthRow::canary)
                    .containsAll(corpus.canaries().canaries().stream().map(Canary::id).toList());
            assertThat(corpus.expected()).isNotEmpty();
            corpus.truth().forEach(t -> carriers.add(t.carrier()));
        }
        assertThat(carriers).containsAll(List.of("chain", "referer", "visit", "same-site"));
        assertThat(carriers.stream().filter(c -> SdkFormat.ALL.stream().anyMatch(s -> s.name().equals(c))))
                .hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void withRoomEveryLayerKindAndNewSpellingAppearsAndProtobufIsSometimesDeclaredAsAForm() {
        Set<String> kinds = new HashSet<>();
        boolean protobufAsForm = false;
        for (long seed : LongStream.rangeClosed(1, 6).toArray()) {
            Corpus corpus = LeakCorpus.generate(seed, 200, 12);
            for (TruthRow t : corpus.truth()) {
                t.chain().forEach(step -> kinds.add(step.kind().equals(Step.SPELLING) ? step.toString() : step.kind()));
                boolean bodyIsProtobuf = t.chain().size() > 1 && t.chain().get(0).kind().equals(Step.BODY)
                        && t.chain().get(1).kind().equals(Step.PROTOBUF);
                protobufAsForm |= bodyIsProtobuf && corpus.exchanges().get(t.flow()).request().headers().stream()
                        .anyMatch(h -> h.value().equals("application/x-www-form-urlencoded"));
            }
        }
        assertThat(kinds).contains(Step.BASE64, Step.HEX, Step.GZIP, Step.DEFLATE, Step.DEFLATE_RAW, Step.PROTOBUF,
                Step.GRPC, Step.CBOR, Step.MSGPACK, Step.XML, Step.JSONL, Step.SOCKETIO, Step.JSON, Step.FORM,
                Step.JWT, Step.PERCENT, "spelling:phone-grouped", "spelling:phone-parens", "spelling:mac-bare-sha256",
                "spelling:mac-bare-upper-md5");
        assertThat(protobufAsForm).as("a protobuf body declared as a form").isTrue();
    }

    @Test
    void sizesAreObeyedAndBoundedAndTinyCorporaStillWork() {
        assertThat(LeakCorpus.generate(3, 1, 1).exchanges()).hasSize(1);
        assertThat(LeakCorpus.generate(3, 17, 3).exchanges()).hasSize(17);
        assertThat(LeakCorpus.generate(3, 17, 3).canaries().canaries()).hasSize(3);
        assertThatThrownBy(() -> LeakCorpus.generate(3, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeakCorpus.generate(3, 10, 1_001)).isInstanceOf(IllegalArgumentException.class);
    }

    private JsonNode readHar(Corpus corpus) throws IOException {
        Path har = corpus.writeHar(dir.resolve("capture-" + corpus.seed() + ".har"));
        JsonNode root = JSON.readTree(har.toFile());
        assertThat(root.path("log").path("version").asText()).isEqualTo("1.2");
        return root.path("log").path("entries");
    }

    private static Map<String, Canary> byId(Corpus corpus) {
        Map<String, Canary> out = new HashMap<>();
        corpus.canaries().canaries().forEach(c -> out.put(c.id(), c));
        return out;
    }

    /** Where a canary may go: its own site for a URL (host without its first label), its engines for a search. */
    private static List<String> allowedDomains(Canary c) {
        List<String> out = new ArrayList<>(c.expected());
        if (c.type() == CanaryType.URL) {
            String host = URI.create(c.value()).getHost();
            out.add(host.substring(host.indexOf('.') + 1));
        }
        return out;
    }

    /** The canary as written plainly, in each spelling Telltale documents. */
    private static List<String> plainSpellings(Canary c) {
        List<String> out = new ArrayList<>(List.of(c.value()));
        switch (c.type()) {
            case URL -> out.add(ChainPeeler.spell("no-scheme", c.value()));
            case SEARCH -> out.addAll(List.of(ChainPeeler.spell("plus", c.value()), ChainPeeler.spell("pct20", c.value())));
            case PHONE -> out.add(ChainPeeler.spell("no-country-code", c.value()));
            case MAC -> out.addAll(List.of(ChainPeeler.spell("mac-dash", c.value()), ChainPeeler.spell("mac-bare", c.value())));
            default -> {
            }
        }
        return out;
    }

    /** Form decoding that never throws: '+' is a space, %XX a byte, a lone '%' stays. */
    private static String formDecoded(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out.append((char) (hi * 16 + lo));
                i += 2;
            } else {
                out.append(c == '+' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static int differences(String a, String b) {
        if (a.length() != b.length()) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < a.length(); i++) {
            n += Character.toLowerCase(a.charAt(i)) != Character.toLowerCase(b.charAt(i)) ? 1 : 0;
        }
        return n;
    }
}
