package org.telltale.core.cross;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureSink;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Exchange;
import org.telltale.api.Finding;
import org.telltale.api.FirstSeen;
import org.telltale.api.Organisations;
import org.telltale.api.TrackerHosts;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.Replay;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;
import org.telltale.core.run.ResultCollector;
import org.telltale.testkit.ExchangeBuilder;

/**
 * The two passes on generated traffic: an Android ID named in one request is found hashed and
 * encoded in the requests before and after it, a UUID that reaches three companies is reported in
 * each request with where it was first seen, and nothing else changes.
 */
class CrossExchangeRunTest {
    private static final String ANDROID_ID = "9774d56d682e549c";
    private static final String SHARED = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final Attributor NONE = new Attributor(DestinationResolver.NONE);
    private static final String ONE_COMPANY = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    /** Requests to different companies, in input order (flow index = position). */
    private static List<Exchange> traffic() throws Exception {
        List<Exchange> out = new ArrayList<>();
        // 0: before the ID is named, its MD5 under a name no detector knows
        out.add(ExchangeBuilder.post("https://collect.alpha-ads.com/c").header("Content-Type",
                "application/x-www-form-urlencoded").body("h=" + hex("MD5", ANDROID_ID) + "&v=3").build());
        // 1: the Android ID under its telling name: the built-in detector's finding, learned from
        out.add(ExchangeBuilder.get("https://api.vendor-sdk.com/register?android_id=" + ANDROID_ID).build());
        // 2: after it, its SHA-1 in upper case in a JSON body
        out.add(ExchangeBuilder.post("https://t.beta-track.com/e").header("Content-Type", "application/json")
                .body("{\"k\":\"" + hex("SHA-1", ANDROID_ID).toUpperCase(Locale.ROOT) + "\"}").build());
        // 3: its SHA-256 as base64 in a cookie
        out.add(ExchangeBuilder.get("https://px.gamma-pixel.com/p").header("Cookie",
                "z=" + Base64.getEncoder().encodeToString(digest("SHA-256", ANDROID_ID))).build());
        // 4, 5, 6: one UUID synced to three companies, plain, in a cookie, and inside base64
        out.add(ExchangeBuilder.get("https://sync.one-dsp.com/s?uid=" + SHARED).build());
        out.add(ExchangeBuilder.get("https://match.two-ssp.com/m").header("Cookie", "id=" + SHARED).build());
        out.add(ExchangeBuilder.get("https://three-dmp.com/cm?d="
                + Base64.getUrlEncoder().encodeToString(("{\"partner_uid\":\"" + SHARED + "\"}")
                .getBytes(StandardCharsets.UTF_8))).build());
        // 7, 8: another UUID, twice to one company only: not shared
        out.add(ExchangeBuilder.get("https://a.solo-metrics.com/x?sid=" + ONE_COMPANY).build());
        out.add(ExchangeBuilder.get("https://b.solo-metrics.com/y?sid=" + ONE_COMPANY).build());
        return out;
    }

    @Test
    void anIdentifierIsFoundHashedAndEncodedBeforeAndAfterTheRequestThatNamedIt() throws Exception {
        AnalysisResult r = twoPasses(traffic());
        FirstSeen named = new FirstSeen(1, flowId(1), "android_id", "request.url > query:android_id");
        // the first pass's finding as it went; the learned ones after it, in flow order
        assertThat(r.findings().stream().filter(f -> f.kind().equals("android_id")).map(CrossExchangeRunTest::line))
                .containsExactly(
                        "1 request.url > query:android_id plain null",
                        "0 request.body > form:h md5 " + named.text(),
                        "2 request.body > json:$.k sha1 " + named.text(),
                        "3 request.cookie:z sha256-base64 " + named.text());
        assertThat(r.findings()).filteredOn(f -> f.kind().equals("android_id")).allSatisfy(f -> {
            assertThat(f.value()).isEqualTo(ANDROID_ID);
            assertThat(f.canary()).as("learned, not planted").isNull();
        });
    }

    @Test
    void anIdThatReachedThreeCompaniesIsReportedInEveryRequestWithWhereItWasFirstSeen() throws Exception {
        AnalysisResult r = twoPasses(traffic());
        FirstSeen first = new FirstSeen(4, flowId(4), "shared_id", "request.url > query:uid");
        assertThat(r.findings().stream().filter(f -> f.kind().equals("shared_id")).map(CrossExchangeRunTest::line))
                .containsExactly(
                        "4 request.url > query:uid plain " + first.text(),
                        "5 request.cookie:id plain " + first.text(),
                        "6 request.url > query:d > base64 > json:$.partner_uid plain " + first.text());
        assertThat(r.findings()).filteredOn(f -> f.kind().equals("shared_id"))
                .extracting(Finding::value).containsOnly(SHARED);
    }

    @Test
    void everyLearnedFindingReplaysToItsMatch() throws Exception {
        List<Exchange> traffic = traffic();
        AnalysisResult r = twoPasses(traffic);
        Replay replay = new Replay(spec());
        List<Finding> learned = r.findings().stream().filter(f -> f.firstSeen() != null).toList();
        // 3 spellings of the Android ID, the shared ID in 3 requests, and that same UUID again in request 6
        // as the user ID the identifier detector named under uid in request 4.
        assertThat(learned).hasSize(7);
        for (Finding f : learned) {
            List<Replay.Layer> layers = replay.layers(traffic.get(f.flow()), f.location(), f.steps());
            byte[] inner = layers.get(layers.size() - 1).node().data();
            String at = new String(inner, f.start(), f.end() - f.start(), StandardCharsets.UTF_8);
            assertThat(at).isEqualTo(f.matched());
        }
    }

    @Test
    void theSecondPassChangesNothingButTheLearnedFindings() throws Exception {
        List<Exchange> traffic = traffic();
        AnalysisResult both = twoPasses(traffic);
        ResultCollector one = new ResultCollector(CanaryFile.EMPTY, true);
        new AnalysisRun(Engine.build(spec(), TrackerHosts.NONE), new Attributor(DestinationResolver.NONE), 2)
                .run(List.of(new Listed(traffic)), one);
        assertThat(one.result().findings()).noneMatch(f -> f.firstSeen() != null);
        assertThat(both.findings().stream().filter(f -> f.firstSeen() == null).toList())
                .isEqualTo(one.result().findings());
        assertThat(both.flows()).isEqualTo(one.result().flows());
    }

    @Test
    void aRunWithNothingToLearnFindsWhatOnePassFinds() throws Exception {
        List<Exchange> plain = List.of(ExchangeBuilder.get("https://a.example/x?q=1").build());
        CrossExchangeRun run = new CrossExchangeRun(spec(), TrackerHosts.NONE, Organisations.NONE, NONE, NONE, 1);
        ResultCollector out = new ResultCollector(CanaryFile.EMPTY, true);
        run.run(List.of(new Listed(plain)), out);
        assertThat(run.learned()).isEmpty();
        assertThat(out.result().flows()).hasSize(1);
    }

    @Test
    void aStopAskedBeforeTheRunReadsNothingAsOnePassDoes() throws Exception {
        ResultCollector one = new ResultCollector(CanaryFile.EMPTY, true);
        AnalysisRun onePass = new AnalysisRun(Engine.build(spec(), TrackerHosts.NONE), NONE, 1);
        onePass.stop("interrupted", 0);
        AnalysisRun.Outcome ofOne = onePass.run(List.of(new Listed(traffic())), one);
        ResultCollector both = new ResultCollector(CanaryFile.EMPTY, true);
        CrossExchangeRun twoPasses = new CrossExchangeRun(spec(), TrackerHosts.NONE, Organisations.NONE, NONE, NONE, 1);
        twoPasses.stop("interrupted", 0);
        AnalysisRun.Outcome ofTwo = twoPasses.run(List.of(new Listed(traffic())), both);

        assertThat(ofOne.stopped()).isEqualTo("interrupted");
        assertThat(one.result().flows()).isEmpty();
        assertThat(ofTwo.stopped()).isEqualTo("interrupted");
        assertThat(both.result().flows()).isEmpty();
        assertThat(both.result().findings()).isEmpty();
        assertThat(twoPasses.learned()).isEmpty();
    }

    private static String line(Finding f) {
        return f.flow() + " " + f.provenance() + " " + f.transform() + " "
                + (f.firstSeen() == null ? "null" : f.firstSeen().text());
    }

    private static AnalysisResult twoPasses(List<Exchange> traffic) {
        ResultCollector out = new ResultCollector(CanaryFile.EMPTY, true);
        new CrossExchangeRun(spec(), TrackerHosts.NONE, Organisations.NONE, NONE, NONE, 2)
                .run(List.of(new Listed(traffic)), out);
        return out.result();
    }

    private static EngineSpec spec() {
        return EngineSpec.allComponents(CanaryFile.EMPTY, Map.of());
    }

    private static String flowId(int i) {
        return Listed.SHA + "/entry " + i;
    }

    private static String hex(String algorithm, String s) throws Exception {
        return HexFormat.of().formatHex(digest(algorithm, s));
    }

    private static byte[] digest(String algorithm, String s) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The exchanges as one input that can be read again, as a file or a case can. */
    private static final class Listed implements CaptureSource {
        static final String SHA = "ab".repeat(32);
        private final List<Exchange> exchanges;

        Listed(List<Exchange> exchanges) {
            this.exchanges = exchanges;
        }

        @Override
        public String name() {
            return "generated";
        }

        @Override
        public String sha256() {
            return SHA;
        }

        @Override
        public void read(CaptureSink sink) {
            for (int i = 0; i < exchanges.size(); i++) {
                Exchange e = exchanges.get(i);
                sink.observe(new Exchange(e.time(), "entry " + i, e.client(), e.server(), e.request(), e.response(),
                        e.messages(), e.app(), e.incomplete()));
            }
        }
    }
}
