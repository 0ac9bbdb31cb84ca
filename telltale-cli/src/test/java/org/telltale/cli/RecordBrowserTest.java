package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.telltale.api.AnalysisResult;
import org.telltale.api.Exchange;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Message;
import org.telltale.proxy.OriginServer;
import org.telltale.proxy.TestCa;
import org.telltale.store.CaseFile;
import org.telltale.store.StoredCapture;
import org.telltale.store.StoredRun;

/**
 * A person records a browser with {@code telltale record}: headless Chromium (Debian's) goes through
 * the recorder, a JVM of its own, trusting Telltale's CA the way a user installs it (exported with
 * {@code telltale ca export}, added to the NSS database in Chromium's home with certutil; no
 * certificate error is ignored). The page, its script and a WebSocket come from an HTTPS origin on
 * localhost that speaks HTTP/2 (and HTTP/1.1 for the WebSocket), a second script from an origin
 * that speaks HTTP/1.1 only, and the script sends base64-wrapped telemetry with a planted e-mail to
 * a "tracker" on another host (127.0.0.1), with navigator.sendBeacon, and a planted text on the
 * WebSocket. Each finding is in the case, with its path, while the recorder runs, and nothing else
 * is (the built-in detector's findings of the page's address at the tracker are expected); the live
 * view shows them and offers to reload as the recording goes on; after a stop the report has them.
 *
 * <p>The origins are the proxy module's Netty test servers, from its test-jar. Chromium is told to
 * send loopback through the proxy too ({@code <-loopback>}: it bypasses localhost by default), and
 * to send its own background requests around it, so the recording holds exactly what the page sent.
 * Its network prediction is off: a connection Chromium opens ahead and never uses would be in the
 * case as unread (the recorder takes a TLS connection closed without a request for a client pinning
 * its certificates), whenever Chromium gives it up.
 */
class RecordBrowserTest {
    private static final String EMAIL = "jane.canary.4821@example.org";
    private static final String SECRET = "purple-otter-5521";
    /** What the page's chat widget sends on its WebSocket. */
    private static final String WS_MESSAGE = "{\"op\":\"identify\",\"secret\":\"" + SECRET + "\"}";
    private static final String EMAIL_PATH = "request.body > form:data > base64 > json:$.user.email";
    private static final String SECRET_PATH = "request.websocket:0 > json:$.secret";
    private static final String PAGE_PATH = "request.body > form:data > base64 > json:$.page";
    /**
     * Sent around the recorder: Chromium's own requests to Google (sign-in, component updates, network
     * time) and to its default search engine's start page (DuckDuckGo in Debian's Chromium). The
     * "<-loopback>" first: Chromium would otherwise send localhost and 127.0.0.1 around it too.
     */
    private static final String BYPASS = "<-loopback>;*.google.com;*.googleapis.com;*.gvt1.com;*.duckduckgo.com";

    @TempDir
    static Path shared;
    private static TestCa testCa;
    private static Path originCa;
    private static Path home;
    private static Path chromiumHome;
    private static Path planted;

    @TempDir
    Path dir;
    private OriginServer site;
    private OriginServer scripts;
    private OriginServer tracker;
    private String siteUrl;
    private String libUrl;
    private String collectUrl;
    private Path study;
    private RecorderProcess recorder;
    private Browser device;
    private Browser viewer;

    /** The origins' CA, Telltale's CA exported as a person does, and a Chromium home trusting it. */
    @BeforeAll
    static void trustTelltalesCa() throws Exception {
        testCa = new TestCa("Test origin CA");
        originCa = testCa.writePem(shared.resolve("origin-ca.pem"));
        home = shared.resolve("telltale-home");
        Path ca = shared.resolve("telltale-ca.pem");
        String before = System.getProperty("telltale.home");
        System.setProperty("telltale.home", home.toString());
        try {
            CliRun export = CliRun.of("ca", "export", "--format", "pem", "-o", ca.toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
        } finally {
            if (before == null) {
                System.clearProperty("telltale.home");
            } else {
                System.setProperty("telltale.home", before);
            }
        }
        chromiumHome = NssHome.trusting(shared.resolve("chromium-home"), ca, "Telltale");
        planted = Files.writeString(shared.resolve("planted.yaml"), "canaries:\n"
                + "  - id: my-email\n    type: email\n    value: \"" + EMAIL + "\"\n"
                + "  - id: chat-secret\n    type: text\n    value: \"" + SECRET + "\"\n", StandardCharsets.UTF_8);
    }

    @BeforeEach
    void startOrigins() throws Exception {
        site = new OriginServer(OriginServer.Mode.HTTPS_H2_AND_H1, testCa);
        scripts = new OriginServer(OriginServer.Mode.HTTPS_H1_ONLY, testCa);
        tracker = new OriginServer(OriginServer.Mode.HTTPS_H2_AND_H1, testCa);
        siteUrl = "https://localhost:" + site.port();
        libUrl = "https://localhost:" + scripts.port() + "/lib.js";
        collectUrl = "https://127.0.0.1:" + tracker.port() + "/collect";
        // The page names its icon (data:, nothing to fetch), so Chromium asks for no /favicon.ico.
        site.serve("/", "text/html; charset=utf-8", "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>A shop</title><link rel=\"icon\" href=\"data:,\">"
                + "<script src=\"" + libUrl + "\"></script></head>\n"
                + "<body><h1>A shop</h1><script src=\"/app.js\"></script></body></html>\n");
        site.serve("/app.js", "text/javascript", ""
                + "// Analytics: the signed-in user's e-mail in JSON, base64-encoded, in a form field of a beacon to the\n"
                + "// tracker the third-party script names; a chat widget identifying itself on a WebSocket.\n"
                + "(function () {\n"
                + "  var event = {event: 'page_view', page: location.href, user: {email: '" + EMAIL + "'}};\n"
                + "  var queued = navigator.sendBeacon(window.telemetry.collector,\n"
                + "      new URLSearchParams({data: btoa(JSON.stringify(event))}));\n"
                + "  var ws = new WebSocket('wss://' + location.host + '/ws');\n"
                + "  ws.onopen = function () { ws.send(JSON.stringify({op: 'identify', secret: '" + SECRET + "'})); };\n"
                + "  ws.onmessage = function (m) { document.body.dataset.echo = m.data; ws.close(1000); };\n"
                + "  ws.onclose = function () {\n"
                + "    document.body.dataset.beacon = String(queued);\n"
                + "    document.body.dataset.ready = 'true';\n"
                + "  };\n"
                + "})();\n");
        scripts.serve("/lib.js", "text/javascript", "window.telemetry = {collector: '" + collectUrl + "'};\n");
        study = dir.resolve("study.case");
    }

    @AfterEach
    void stopEverything(TestInfo test) throws Exception {
        try {
            for (Browser b : new Browser[] {device, viewer}) {
                if (b != null) {
                    b.screenshot(Browser.nameOf(test) + (b == device ? "-device" : "-viewer"));
                    b.close();
                }
            }
        } finally {
            if (recorder != null) {
                recorder.close();
            }
            for (OriginServer o : new OriginServer[] {site, scripts, tracker}) {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    /** The device: Chromium whose every request, loopback included, goes through the recorder. */
    private Browser device(int proxyPort) {
        return Browser.start(List.of("--proxy-server=http://127.0.0.1:" + proxyPort, "--proxy-bypass-list=" + BYPASS),
                Map.of("HOME", chromiumHome.toString()), Map.of("net.network_prediction_options", 2));
    }

    private RecorderProcess record(String... more) throws Exception {
        List<String> options = new ArrayList<>(List.of("--canaries", planted.toString(), "--upstream-ca", originCa.toString()));
        options.addAll(List.of(more));
        return RecorderProcess.start(dir, home, study, options.toArray(String[]::new));
    }

    /** Opens the page (a visit of its own) and checks what the page itself saw: the beacon queued, the echo back. */
    private void visit(String visit) {
        device.open(URI.create(siteUrl + "/?visit=" + visit));
        assertThat(device.one("body").getDomAttribute("data-echo")).as("the WebSocket's echo, as the page got it\n"
                + recorder.printed()).isEqualTo("echo:" + WS_MESSAGE);
        assertThat(device.one("body").getDomAttribute("data-beacon")).as("sendBeacon queued the telemetry").isEqualTo("true");
    }

    /** The URLs one visit loads: the page, both scripts, the beacon, the WebSocket's upgrade. */
    private List<String> urlsOf(String visit) {
        return List.of(siteUrl + "/?visit=" + visit, libUrl, siteUrl + "/app.js", collectUrl, siteUrl + "/ws");
    }

    /** The beacon's body, made here from the telemetry the page builds, as URLSearchParams encodes it. */
    private String beaconBody(String visit) {
        String json = "{\"event\":\"page_view\",\"page\":\"" + siteUrl + "/?visit=" + visit + "\",\"user\":{\"email\":\""
                + EMAIL + "\"}}";
        return "data=" + URLEncoder.encode(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /**
     * What one visit sends that it should not, each finding as (canary, kind, value, path, receiving
     * host, request, session). Besides the planted values, the built-in detector of browsing history
     * finds the page's address at the tracker twice: whole in the telemetry, and its origin in the
     * beacon's Referer (Chromium's default policy cuts a cross-site Referer to the origin). The same
     * Referer on lib.js goes to the page's own host, localhost, and is no finding.
     */
    private List<Tuple> findingsOf(String visit, String session) {
        return List.of(
                tuple("my-email", "email", EMAIL, EMAIL_PATH, "127.0.0.1", collectUrl, session),
                tuple(null, "browsing_history", siteUrl + "/?visit=" + visit, PAGE_PATH, "127.0.0.1", collectUrl, session),
                tuple(null, "browsing_history", siteUrl + "/", "request.header:referer", "127.0.0.1", collectUrl, session),
                tuple("chat-secret", "text", SECRET, SECRET_PATH, "localhost", siteUrl + "/ws", session));
    }

    private static List<Tuple> findings(AnalysisResult r) {
        Map<Integer, String> urls = r.flows().stream().collect(Collectors.toMap(Flow::index, Flow::url));
        return r.findings().stream().map(f -> tuple(f.canary(), f.kind(), f.value(), f.provenance(),
                f.destination().host(), urls.get(f.flow()), f.session())).toList();
    }

    private static List<String> urls(RecorderProcess.Recorded r) {
        return r.exchanges().stream().map(e -> e.request().url()).toList();
    }

    /** The first sentence of the report the viewer shows. */
    private String story() {
        return viewer.one("#story-text p[data-test=sentence]").getText();
    }

    private void awaitOutput(String text) throws Exception {
        for (int i = 0; i < 100 && !recorder.output().contains(text); i++) {
            Thread.sleep(100);
        }
        assertThat(recorder.output()).as(recorder.printed()).contains(text);
    }

    @Test
    void whatThePageSendsIsInTheCaseWithItsPathWhileTheRecorderRunsAndAMarkedSessionMarksTheNextVisit() throws Exception {
        recorder = record();
        device = device(recorder.port());
        visit("1");

        AnalysisResult first = recorder.resultOnce("the first visit's findings", r -> r.findings().size() >= 4);
        assertThat(recorder.isAlive()).as("still recording").isTrue();
        assertThat(findings(first)).as(recorder.printed()).containsExactlyInAnyOrderElementsOf(findingsOf("1", null));
        assertThat(first.findings()).extracting(Finding::transform).containsOnly("plain");
        awaitOutput("! planted my-email: " + EMAIL + " -> 127.0.0.1  via " + EMAIL_PATH);
        awaitOutput("! planted chat-secret: " + SECRET + " -> localhost  via " + SECRET_PATH);

        // The recording, and what each origin got: the same requests, each in the HTTP version its side agreed.
        RecorderProcess.Recorded recorded = recorder.recordedOnce("the first visit", r -> r.exchanges().size() >= 5);
        assertThat(urls(recorded)).as("what the page loaded, nothing missing and nothing extra\n" + recorder.printed())
                .containsExactlyInAnyOrderElementsOf(urlsOf("1"));
        assertThat(recorded.unread()).as("connections not read").isEmpty();
        assertThat(recorded.diagnostics()).isEmpty();
        Map<String, Exchange> byUrl = recorded.exchanges().stream()
                .collect(Collectors.toMap(e -> e.request().url(), Function.identity()));
        // Chromium speaks HTTP/2 to the recorder whatever the server speaks; a WebSocket gets an HTTP/1.1
        // connection of its own (the recorder does not offer WebSockets over HTTP/2).
        assertThat(byUrl).extractingByKeys(urlsOf("1").toArray(String[]::new))
                .extracting(e -> e.request().httpVersion())
                .containsExactly("HTTP/2", "HTTP/2", "HTTP/2", "HTTP/2", "HTTP/1.1");
        assertThat(site.received()).as("the site agreed HTTP/2 with the recorder")
                .containsExactly("GET /?visit=1 HTTP/2", "GET /app.js HTTP/2");
        assertThat(scripts.received()).as("the HTTP/1.1-only origin").containsExactly("GET /lib.js HTTP/1.1");
        Exchange beacon = byUrl.get(collectUrl);
        assertThat(beacon.request().method()).isEqualTo("POST");
        assertThat(beacon.request().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded;charset=UTF-8");
        assertThat(new String(beacon.request().body(), StandardCharsets.UTF_8)).isEqualTo(beaconBody("1"));
        assertThat(tracker.requests()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo("POST /collect HTTP/2");
            assertThat(r.body()).isEqualTo(beacon.request().body());
        });
        Exchange ws = byUrl.get(siteUrl + "/ws");
        assertThat(ws.response().status()).isEqualTo(101);
        assertThat(ws.messages()).extracting(Message::fromClient, m -> new String(m.data(), StandardCharsets.UTF_8))
                .containsExactly(tuple(true, WS_MESSAGE), tuple(false, "echo:" + WS_MESSAGE));
        assertThat(site.webSocketTexts()).containsExactly(WS_MESSAGE);
        assertThat(ws.incomplete()).as("closed with a close frame").isFalse();

        // A session marked from another terminal marks the next visit, and only it.
        CliRun marked = CliRun.of("session", "start", "incognito", "--case", study.toString());
        assertThat(marked.exitCode()).as(marked.err()).isZero();
        visit("2");
        AnalysisResult both = recorder.resultOnce("the second visit's findings", r -> r.findings().size() >= 8);
        List<Tuple> expected = new ArrayList<>(findingsOf("1", null));
        expected.addAll(findingsOf("2", "incognito"));
        assertThat(findings(both)).as(recorder.printed()).containsExactlyInAnyOrderElementsOf(expected);
        List<String> loaded = new ArrayList<>(urlsOf("1"));
        loaded.addAll(urlsOf("2"));
        assertThat(urls(recorder.recordedOnce("the second visit", r -> r.exchanges().size() >= 10)))
                .containsExactlyInAnyOrderElementsOf(loaded);
        assertThat(CliRun.of("session", "stop", "--case", study.toString()).out()).contains("Session 'incognito' ended");

        int code = recorder.stop();
        assertThat(code).as("stopped by SIGTERM\n" + recorder.printed()).isEqualTo(143);
        assertThat(recorder.output()).contains("Stopped. Recorded 10 exchanges into " + study + " (8 findings)");
        RecorderProcess.Recorded all = recorder.recorded();
        assertThat(urls(all)).containsExactlyInAnyOrderElementsOf(loaded);
        assertThat(all.unread()).isEmpty();
        assertThat(all.diagnostics()).isEmpty();
        device.assertConsoleClean();
        assertThat(recorder.errors()).doesNotContain("Exception");
    }

    @Test
    void theLiveViewShowsTheFindingsOffersToReloadAsTheRecordingGoesOnAndTheReportHasThemAfterAStop(TestInfo test)
            throws Exception {
        recorder = record("--ui");
        device = device(recorder.port());
        visit("1");
        recorder.resultOnce("the visit's findings", r -> r.findings().size() >= 4);
        recorder.recordedOnce("the visit", r -> r.exchanges().size() >= 5);

        // The person's own browser, outside the recording, opens the live view the recorder printed.
        URI live = recorder.liveView();
        assertThat(live.getHost()).isEqualTo("127.0.0.1");
        viewer = Browser.start();
        viewer.open(live);
        assertThat(story()).startsWith("Telltale read 5 requests in 1 capture").contains("2 of them carried personal data");
        assertThat(viewer.all("#groups .group .summary .value")).extracting(WebElement::getText)
                .containsExactlyInAnyOrder(EMAIL, SECRET, siteUrl + "/?visit=1", siteUrl + "/");
        assertThat(viewer.all("#groups .group .summary .how")).extracting(WebElement::getText)
                .containsExactlyInAnyOrder(EMAIL_PATH, SECRET_PATH, PAGE_PATH, "request.header:referer");
        viewer.expandEverything();
        assertThat(viewer.all("#groups tr.finding-row")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains(collectUrl).contains("127.0.0.1").contains(EMAIL_PATH))
                .anySatisfy(t -> assertThat(t).contains(siteUrl + "/ws").contains(SECRET_PATH));
        WebElement banner = viewer.one("#live-banner");
        // Nothing recorded for three of its checks (every 2 s): no banner.
        Thread.sleep(6_500);
        assertThat(banner.isDisplayed()).as("the banner while nothing is recorded\n" + recorder.printed()).isFalse();

        // One more request through the recorder (the page fetches its script again; opening the script
        // itself would also fetch a favicon): the live page offers to reload within a few of its checks.
        assertThat((Object) device.js("return fetch('/app.js', {cache: 'no-store'}).then(r => r.status);")).isEqualTo(200L);
        viewer.waitUntil(d -> banner.isDisplayed());
        assertThat(viewer.one("#live-text").getText()).isEqualTo("Recording: the case has more since this page was drawn.");
        viewer.js("window.scrollTo(0, 0)");
        viewer.screenshot(Browser.nameOf(test) + "-live-view-offers-to-reload");
        viewer.one("#live-reload").click();
        viewer.waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(viewer.one("#live-banner").isDisplayed()).as("drawn again from the newest recording").isFalse();
        assertThat(story()).startsWith("Telltale read 6 requests in 1 capture").contains("2 of them carried personal data");
        viewer.assertConsoleClean();

        // Stopped (SIGTERM, as Ctrl-C): the run ends, the live page says the recorder is gone, the report has the findings.
        assertThat(recorder.stop()).as(recorder.printed()).isEqualTo(143);
        assertThat(recorder.output()).contains("Stopped. Recorded 6 exchanges into " + study + " (4 findings)");
        viewer.waitUntil(d -> d.findElement(By.id("live-banner")).isDisplayed());
        assertThat(viewer.one("#live-text").getText()).isEqualTo("The recorder has stopped or cannot be reached.");
        viewer.js("window.scrollTo(0, 0)");
        viewer.screenshot(Browser.nameOf(test) + "-live-view-after-the-stop");
        assertThat(viewer.severe()).as("only the live view's checks failed, once the recorder was gone")
                .allSatisfy(e -> assertThat(e).contains("/api/version").contains("ERR_CONNECTION_REFUSED"));
        try (CaseFile c = CaseFile.open(study)) {
            StoredCapture recording = c.captures().list().get(0);
            assertThat(recording.recording()).isTrue();
            assertThat(recording.complete()).as("the recording was ended").isTrue();
            assertThat(recording.exchanges()).isEqualTo(6);
            StoredRun run = c.runs().latest();
            assertThat(run).as("the recording's run ended, so reports show it").isNotNull();
            assertThat(run.findings()).isEqualTo(4);
        }
        Path report = dir.resolve("report.html");
        CliRun r = CliRun.of("report", study.toString(), "-o", report.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        viewer.open(report);
        assertThat(story()).startsWith("Telltale read 6 requests in 1 capture");
        assertThat(viewer.all("#groups .group .summary .value")).extracting(WebElement::getText)
                .containsExactlyInAnyOrder(EMAIL, SECRET, siteUrl + "/?visit=1", siteUrl + "/");
        viewer.expandEverything();
        assertThat(viewer.all("#groups tr.finding-row")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains(collectUrl).contains(EMAIL_PATH));
        viewer.assertConsoleClean();
        device.assertConsoleClean();
        assertThat(recorder.errors()).doesNotContain("Exception");
    }
}
