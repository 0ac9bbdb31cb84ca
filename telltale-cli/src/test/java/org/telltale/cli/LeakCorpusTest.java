package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telltale.testkit.corpus.Corpus;
import org.telltale.testkit.corpus.FlowInfo;
import org.telltale.testkit.corpus.LeakCorpus;
import org.telltale.testkit.corpus.TruthRow;

/**
 * Runs {@code telltale analyze} on generated leak corpora and holds it to the ground truth:
 * precision and recall of 1.0 over (flow, canary) leak pairs, the same for the "expected" list,
 * and every flow's session label. A new seed each run joins the fixed ones; its number is in the
 * test name, so any failure can be replayed with {@code LeakCorpus.generate(seed, ...)}.
 */
class LeakCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> corpora() {
        return Stream.of(
                Arguments.of(1L, "canaries.yaml"),
                Arguments.of(42L, "canaries.json"),
                Arguments.of(2020L, "canaries.yaml"),
                Arguments.of(System.nanoTime(), "canaries.yaml"));
    }

    @ParameterizedTest(name = "seed {0} with {1}")
    @MethodSource("corpora")
    void analyzeFindsEveryPlantedLeakAndNothingElse(long seed, String canaryFileName, @TempDir Path dir)
            throws IOException {
        Corpus corpus = LeakCorpus.generate(seed, 90, 12);
        Path har = corpus.writeHar(dir.resolve("capture.har"));
        Path canaries = corpus.writeCanaries(dir.resolve(canaryFileName));
        Path report = dir.resolve("report.json");

        int exit = Main.execute("analyze", har.toString(), "--canaries", canaries.toString(), "--format", "json",
                "--output", report.toString());

        assertThat(exit).as("exit code of analyze, seed %d", seed).isZero();
        JsonNode result = JSON.readTree(report.toFile());
        assertThat(result.path("flows").size()).as("flows read from the HAR").isEqualTo(corpus.exchanges().size());

        Map<Pair, TruthRow> leaks = index(corpus.leaks());
        Map<Pair, TruthRow> expected = index(corpus.expected());
        Map<Pair, JsonNode> foundLeaks = new HashMap<>();
        for (JsonNode f : result.path("findings")) {
            if (f.hasNonNull("canary")) {
                foundLeaks.putIfAbsent(new Pair(f.path("flow").asInt(), f.path("canary").asText()), f);
            }
        }
        Map<Pair, JsonNode> foundExpected = new HashMap<>();
        for (JsonNode e : result.path("expected")) {
            foundExpected.putIfAbsent(new Pair(e.path("flow").asInt(), e.path("canary").asText()), e);
        }

        List<String> problems = new ArrayList<>();
        Score leakScore = compare("leak", leaks, foundLeaks, corpus, problems);
        Score expectedScore = compare("expected", expected, foundExpected, corpus, problems);
        checkSessions(corpus, result, problems);
        System.out.printf("seed %d: leaks precision %.3f recall %.3f (%d true); expected precision %.3f recall %.3f "
                        + "(%d true)%n", seed, leakScore.precision(), leakScore.recall(), leaks.size(),
                expectedScore.precision(), expectedScore.recall(), expected.size());

        assertThat(problems)
                .as("seed %d: leaks precision %.3f recall %.3f, expected precision %.3f recall %.3f; replay with "
                                + "LeakCorpus.generate(%dL, 90, 12)", seed, leakScore.precision(), leakScore.recall(),
                        expectedScore.precision(), expectedScore.recall(), seed)
                .isEmpty();
        assertThat(leakScore.precision()).isEqualTo(1.0);
        assertThat(leakScore.recall()).isEqualTo(1.0);
        assertThat(expectedScore.precision()).isEqualTo(1.0);
        assertThat(expectedScore.recall()).isEqualTo(1.0);
    }

    /** Lists missed and false pairs with the truth's chain or the finding's path, and scores them. */
    private static Score compare(String what, Map<Pair, TruthRow> truth, Map<Pair, JsonNode> found, Corpus corpus,
                                 List<String> problems) {
        int hits = 0;
        for (Map.Entry<Pair, TruthRow> t : truth.entrySet()) {
            if (found.containsKey(t.getKey())) {
                hits++;
            } else {
                problems.add("missed " + what + ": " + t.getValue() + " [" + scene(corpus, t.getKey().flow()) + "]");
            }
        }
        for (Map.Entry<Pair, JsonNode> f : found.entrySet()) {
            if (!truth.containsKey(f.getKey())) {
                problems.add("false " + what + ": flow " + f.getKey().flow() + " " + f.getKey().canary() + " ["
                        + scene(corpus, f.getKey().flow()) + "] reported as " + f.getValue());
            }
        }
        double precision = found.isEmpty() ? (truth.isEmpty() ? 1.0 : 0.0) : (double) hits / found.size();
        double recall = truth.isEmpty() ? 1.0 : (double) hits / truth.size();
        return new Score(precision, recall);
    }

    private static void checkSessions(Corpus corpus, JsonNode result, List<String> problems) {
        JsonNode flows = result.path("flows");
        for (FlowInfo info : corpus.flows()) {
            JsonNode flow = flows.get(info.index());
            String reported = flow == null || flow.path("session").isNull() ? null : flow.path("session").asText(null);
            if (!Objects.equals(reported, info.session())) {
                problems.add("flow " + info.index() + " [" + info.scene() + "] session " + reported + ", truth "
                        + info.session());
            }
        }
        for (JsonNode f : result.path("findings")) {
            FlowInfo info = corpus.flows().get(f.path("flow").asInt());
            String reported = f.path("session").isNull() ? null : f.path("session").asText(null);
            if (!Objects.equals(reported, info.session())) {
                problems.add("finding in flow " + info.index() + " has session " + reported + ", truth "
                        + info.session());
            }
        }
    }

    private static Map<Pair, TruthRow> index(List<TruthRow> rows) {
        Map<Pair, TruthRow> out = new HashMap<>();
        for (TruthRow row : rows) {
            out.putIfAbsent(new Pair(row.flow(), row.canary()), row);
        }
        return out;
    }

    private static String scene(Corpus corpus, int flow) {
        return flow >= 0 && flow < corpus.flows().size() ? corpus.flows().get(flow).scene() : "no such flow";
    }

    /** One canary in one flow. */
    private record Pair(int flow, String canary) {
    }

    /** Precision and recall of one comparison. */
    private record Score(double precision, double recall) {
    }
}
