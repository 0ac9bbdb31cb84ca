package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.AnalysisResult;
import org.telltale.api.CaptureSink;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Exchange;
import org.telltale.api.Finding;
import org.telltale.attribute.BundledResolver;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;
import org.telltale.core.run.ResultCollector;
import org.telltale.formats.har.HarReader;
import org.telltale.testkit.RecordingSink;
import org.telltale.testkit.corpus.Corpus;
import org.telltale.testkit.corpus.LeakCorpus;

/**
 * What the engine promises whatever surrounds it: the same findings with and without attribution,
 * whatever the order of the detectors, and however many threads analyse.
 */
class EngineContractsTest {
    private static final Path NYTIMES = Path.of("../telltale-formats/src/test/resources/har/www.nytimes.com.har");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noAttributionDropsTheDestinationFactsAndChangesNothingElse(@TempDir Path dir) throws Exception {
        Path with = dir.resolve("with.json");
        Path without = dir.resolve("without.json");
        assertThat(CliRun.of("analyze", NYTIMES.toString(), "--format", "json", "-o", with.toString()).exitCode()).isZero();
        assertThat(CliRun.of("analyze", NYTIMES.toString(), "--format", "json", "-o", without.toString(),
                "--no-attribution").exitCode()).isZero();
        JsonNode a = JSON.readTree(with.toFile());
        JsonNode b = JSON.readTree(without.toFile());

        assertThat(a.get("findings").size()).isGreaterThan(100);
        assertThat(withoutFacts(a.get("findings"))).isEqualTo(withoutFacts(b.get("findings")));
        assertThat(a.get("expected")).isEqualTo(b.get("expected"));
        assertThat(a.get("flows")).isEqualTo(b.get("flows"));
        assertThat(a.get("findings").findValuesAsText("organization")).as("attribution said who").contains("Google");
        assertThat(b.get("findings").findValues("organization")).allMatch(JsonNode::isNull);
    }

    @Test
    void findingsAndTheirOrderDoNotDependOnTheDetectorOrderOrTheNumberOfThreads() throws Exception {
        Corpus corpus = LeakCorpus.generate(42, 90, 12);
        List<Exchange> exchanges = new ArrayList<>(corpus.exchanges());
        RecordingSink pages = new RecordingSink();
        new HarReader().read(NYTIMES, pages);
        exchanges.addAll(pages.exchanges());
        EngineSpec spec = EngineSpec.allComponents(corpus.canaries(), Map.of());
        List<String> reversed = new ArrayList<>(spec.detectors());
        Collections.reverse(reversed);
        EngineSpec reversedSpec = new EngineSpec(spec.canaries(), spec.limits(), spec.decoders(), reversed, Map.of());
        BundledResolver data = BundledResolver.open();

        List<Finding> straight = run(Engine.build(spec, data), 1, exchanges).findings();
        List<Finding> turned = run(Engine.build(reversedSpec, data), 3, exchanges).findings();

        assertThat(straight).hasSizeGreaterThan(50);
        assertThat(turned).isEqualTo(straight);
    }

    private static AnalysisResult run(Engine engine, int threads, List<Exchange> exchanges) {
        ResultCollector out = new ResultCollector(engine.spec().canaries(), true);
        new AnalysisRun(engine, new Attributor(DestinationResolver.NONE), threads).run(List.of(new CaptureSource() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public void read(CaptureSink sink) {
                exchanges.forEach(sink::observe);
            }
        }), out);
        return out.result();
    }

    /** Findings with only where they went (host, IP, port), not who is behind it. */
    private static List<JsonNode> withoutFacts(JsonNode findings) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : findings) {
            ObjectNode copy = f.deepCopy();
            ObjectNode d = JSON.createObjectNode();
            d.set("host", f.get("destination").get("host"));
            d.set("ip", f.get("destination").get("ip"));
            d.set("port", f.get("destination").get("port"));
            copy.set("destination", d);
            copy.remove("destination_id");
            out.add(copy);
        }
        return out;
    }
}
