package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureReader;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Exchange;
import org.telltale.api.Finding;
import org.telltale.api.Step;
import org.telltale.api.TrackerHosts;
import org.telltale.core.Analysis;
import org.telltale.core.CaptureSource;
import org.telltale.core.Replay;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.formats.CaptureReaders;
import org.telltale.testkit.RecordingSink;
import org.telltale.testkit.corpus.Corpus;
import org.telltale.testkit.corpus.LeakCorpus;

/**
 * Every finding is evidence a person can redo: for every finding of the leak corpus and of real
 * captures, replaying its steps on the stored exchange rebuilds each layer, and the innermost layer
 * holds the matched text exactly at the finding's offsets.
 */
class EvidenceReplayTest {
    private static final Path HARS = Path.of("../telltale-formats/src/test/resources/har");

    static Stream<Arguments> captures() {
        return Stream.of(
                Arguments.of("example/capture.har", "example/planted.yaml", 0L),
                Arguments.of("../telltale-formats/src/test/resources/pcap/weibo.pcap", null, 0L),
                Arguments.of(HARS.resolve("www.nytimes.com.har").toString(), null, 0L),
                Arguments.of(HARS.resolve("expressen.har").toString(), null, 0L),
                Arguments.of(null, null, 1L),
                Arguments.of(null, null, 42L),
                Arguments.of(null, null, 2020L));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("captures")
    void replayingAFindingsStepsRebuildsEveryLayerDownToTheMatchedBytes(String capture, String canaryResource,
                                                                        long seed, @TempDir Path dir)
            throws Exception {
        List<Exchange> exchanges;
        CanaryFile canaries = CanaryFile.EMPTY;
        if (capture == null) {
            Corpus corpus = LeakCorpus.generate(seed, 90, 12);
            exchanges = corpus.exchanges();
            canaries = corpus.canaries();
        } else {
            Path file = capture.startsWith("..") ? Path.of(capture) : TestFiles.copy(capture, dir);
            exchanges = read(file);
            if (canaryResource != null) {
                Path c = TestFiles.copy(canaryResource, dir);
                canaries = CanaryFiles.parse(Files.readAllBytes(c), c.toString());
            }
        }
        Analysis analysis = Analysis.withBuiltIns(canaries, DestinationResolver.NONE, TrackerHosts.NONE);
        AnalysisResult result = analysis.run(List.of(source(exchanges)));
        Replay replay = new Replay(analysis.engine().spec());

        assertThat(result.findings()).as("a test of replay needs findings").isNotEmpty();
        for (Finding f : result.findings()) {
            List<Replay.Layer> layers = replay.layers(exchanges.get(f.flow()), f.location(), f.steps());
            assertThat(layers).hasSize(f.steps().size() + 1);
            for (int i = 1; i < layers.size(); i++) {
                Step step = layers.get(i).step();
                byte[] parent = layers.get(i - 1).node().data();
                if (step.hasSpan()) {
                    assertThat(step.end()).as("%s: span of %s", f.provenance(), step.label())
                            .isLessThanOrEqualTo(parent.length);
                    byte[] child = layers.get(i).node().data();
                    assertThat(spanGives(step, Arrays.copyOfRange(parent, step.start(), step.end())))
                            .as("%s: the bytes at the span of %s", f.provenance(), step.label()).isEqualTo(child);
                }
            }
            byte[] innermost = layers.get(layers.size() - 1).node().data();
            String atOffsets = new String(Arrays.copyOfRange(innermost, f.start(), f.end()), StandardCharsets.UTF_8);
            assertThat(atOffsets).as("%s in flow %d", f.provenance(), f.flow()).startsWith(f.matched());
        }
    }

    /**
     * What the bytes at a step's span become when a person redoes the step by hand, with tools other
     * than our decoders: URL-decoding for query, form and path pieces, JSON unquoting for JSON values,
     * base64url for JWT segments, nothing for multipart parts and protobuf fields.
     */
    private static byte[] spanGives(Step step, byte[] span) throws Exception {
        String text = new String(span, StandardCharsets.UTF_8);
        return switch (step.decoder()) {
            case "url", "form" -> step.label().startsWith("form:") || step.label().startsWith("query:")
                    ? java.net.URLDecoder.decode(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)
                    : java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
            case "json" -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(span).asText()
                    .getBytes(StandardCharsets.UTF_8);
            case "jwt" -> java.util.Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_')
                    .replace("=", ""));
            default -> span;
        };
    }

    private static List<Exchange> read(Path file) throws Exception {
        byte[] head = Files.readAllBytes(file);
        RecordingSink sink = new RecordingSink();
        for (CaptureReader r : CaptureReaders.builtIn()) {
            if (r.sniff(file, Arrays.copyOf(head, Math.min(head.length, 65536)))) {
                r.read(file, sink);
                return sink.exchanges();
            }
        }
        throw new IllegalArgumentException("no reader for " + file);
    }

    private static CaptureSource source(List<Exchange> exchanges) {
        return new CaptureSource() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public void read(org.telltale.api.CaptureSink sink) {
                new ArrayList<>(exchanges).forEach(sink::observe);
            }
        };
    }
}
