package org.telltale.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.telltale.api.CaptureException;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.Payload;
import org.telltale.core.detect.CanaryMatcher;
import org.telltale.core.detect.Detectors;
import org.telltale.testkit.HostileText;
import org.telltale.testkit.corpus.LeakCorpus;
import org.telltale.core.detect.NodeView;

/**
 * What each detector costs per MB of one node, on ordinary text and on each {@link HostileText}:
 * every detector must be linear in its input, so hostile text may cost a small factor more, never
 * a factor that grows with the size. Each input is one MiB node shown to one detector, as a leaf
 * under the field name that makes that detector search hardest. Ordinary text is the request
 * text of real page loads (URL, headers and body of each request of the pagexray HAR files, one
 * per line). The node's text view is built once, as the engine builds it once for all detectors.
 * MB/s = the {@code detect:bytes} rate JMH prints / 10^6. Run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectorCostBenchmark {
    /** Where each detector looks hardest: its field name turns on its search anywhere in the value. */
    private static final Map<String, String> HARDEST_STEP = Map.ofEntries(
            Map.entry("imei", "json:$.imei"), Map.entry("android_id", "json:$.android_id"),
            Map.entry("advertising_id", "json:$.gaid"), Map.entry("mac", "json:$.mac"),
            Map.entry("email", "form:email"), Map.entry("phone", "form:phone"),
            Map.entry("geo", "json:$.location"), Map.entry("file_path", "json:$.path"),
            Map.entry("screen", "form:screen"), Map.entry("browsing_history", "query:dl"),
            Map.entry("search", "form:search"), Map.entry("device_profile", "json:$.timezone"),
            Map.entry("user_agent", "form:user_agent"));

    /** A built-in detector's name, or "canary" for the canary matcher with 1,000 generated canaries. */
    @Param({"imei", "android_id", "advertising_id", "mac", "email", "phone", "geo", "file_path", "screen",
            "browsing_history", "search", "device_profile", "user_agent", "canary"})
    public String detector;

    /** ORDINARY, or the name of a {@link HostileText}. */
    @Param({"ORDINARY", "AT", "DOTS", "PERCENTS", "DIGITS", "HTTP_URLS", "COLONS", "SLASHES", "DASHES",
            "ENCODED_AT", "LOCAL_AT", "DATA_PATHS", "FILE_URLS", "CLASS_PARTS"})
    public String input;

    private Detector chosen;
    private Payload node;

    @Setup(Level.Trial)
    public void build() throws IOException, CaptureException {
        chosen = detector.equals("canary")
                ? new CanaryMatcher(LeakCorpus.generate(7, 1, 1000).canaries().canaries())
                : Detectors.builtIn().stream().filter(d -> d.name().equals(detector)).findFirst().orElseThrow();
        byte[] data = input.equals("ORDINARY") ? ordinaryText() : HostileText.valueOf(input).bytes(HostileText.MIB);
        String step = HARDEST_STEP.get(detector);
        node = step == null ? Payload.root("request.body", data, "text/plain", null)
                : Payload.root(step.startsWith("query:") ? "request.url" : "request.body", new byte[0], null, null)
                        .child(step, data);
    }

    /** The request text of real page loads, one URL, header or body a line, cut to one MiB. */
    private static byte[] ordinaryText() throws IOException, CaptureException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Exchange> exchanges = PageLoads.read(PageLoads.PAGEXRAY);
        while (out.size() < HostileText.MIB) {
            for (Exchange e : exchanges) {
                line(out, e.request().url().getBytes(StandardCharsets.UTF_8));
                for (Header h : e.request().headers()) {
                    line(out, (h.name() + ": " + h.value()).getBytes(StandardCharsets.UTF_8));
                }
                line(out, e.request().body());
            }
        }
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, HostileText.MIB);
    }

    private static void line(ByteArrayOutputStream out, byte[] bytes) {
        if (bytes != null && bytes.length > 0) {
            out.write(bytes, 0, bytes.length);
            out.write('\n');
        }
    }

    /** One detector over the one node. */
    @Benchmark
    public List<Detection> detect(PayloadBytes counter) {
        List<Detection> found = chosen.detect(NodeView.of(node, true, "collector.example.net", null));
        counter.bytes += node.data().length;
        return found;
    }
}
