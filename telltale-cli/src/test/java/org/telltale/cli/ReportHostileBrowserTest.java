package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captured content is hostile: a capture and a canary file whose URLs, hosts, header names and
 * values, bodies (one wrapped in base64, one of a megabyte), canary ids and session labels carry
 * markup, script, template and prototype tricks, bidi and zero-width characters, NUL and ESC. The
 * planted values are found, so the payloads land in the story, the groups, the findings and the
 * decoded layers; every group and every finding is opened, and nothing may run, render as markup,
 * hide the page or break the policy, in the report file and in the web view alike.
 */
class ReportHostileBrowserTest {
    static final String SCRIPT = "<script>window.__pwned=1;document.title='pwned'</script>";
    static final String IMG = "\"><img src=x onerror=\"window.__pwned=1\">";
    static final String JS_URL = "javascript:window.__pwned=1";
    static final String CLOSE = "</script><script>window.__pwned=1</script>";
    static final String STYLE = "<style>body{display:none}</style>";
    static final String TEMPLATE = "<!-- {{data}} {{script}} {{csp}}";
    static final String PROTO = "__proto__";
    static final String BIDI = "invoice\u202Efdp.exe\u200B\u2066x\u2069\u061C";
    static final String CONTROLS = "nul\u0000esc\u001B[31mred";
    /** Markup payloads that must never appear in the page's HTML as written. */
    static final List<String> MARKUP = List.of(SCRIPT, IMG, CLOSE, STYLE, "<!--", "<img", "</script><script>window.__pwned");
    private static final int HUGE = 1 << 20;
    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    static Path dir;

    private static Browser browser;
    private static Path reportFile;
    private static JsonNode canaryIds;
    private static LiveCase view;

    @BeforeAll
    static void writeTheHostileCaptureAndItsReports() throws Exception {
        browser = Browser.start();
        Path capture = dir.resolve(IMG.replace("/", "") + ".har");
        Path canaries = dir.resolve("<!--{{data}}.json");
        Files.writeString(canaries, ReportFiles.JSON.writeValueAsString(canaryFile()), StandardCharsets.UTF_8);
        capture().write(capture);
        reportFile = ReportFiles.analyzeHtml(capture, canaries, dir.resolve("hostile.html"));
        view = LiveCase.serve(ReportFiles.newCase(dir.resolve("hostile.case"), capture, canaries));
    }

    @AfterAll
    static void stop() throws Exception {
        LiveCase.closeAll(view, browser);
    }

    @AfterEach
    void leaveAScreenshotAndACleanConsole(TestInfo test) {
        browser.js("window.scrollTo(0, 0)");
        browser.finish(test);
    }

    /** Each payload as a planted value of its own, its id and a session label carrying payloads too. */
    private static ObjectNode canaryFile() {
        ObjectNode root = ReportFiles.JSON.createObjectNode();
        ArrayNode list = root.putArray("canaries");
        String[][] canaries = {
            {SCRIPT, SCRIPT}, {IMG, IMG}, {JS_URL, JS_URL}, {CLOSE, CLOSE}, {STYLE, STYLE}, {TEMPLATE, TEMPLATE},
            {PROTO, PROTO}, {"bidi\u202Egnp.exe", BIDI}, {"ctl\u0000\u001B[31m", CONTROLS},
        };
        for (String[] c : canaries) {
            list.addObject().put("id", c[0]).put("type", "text").put("value", c[1]);
        }
        ArrayNode sessions = root.putArray("sessions");
        String[] labels = {SCRIPT, PROTO, "\u202Eincognito", IMG};
        for (int i = 0; i < labels.length; i++) {
            sessions.addObject().put("label", labels[i]).put("start", START.plusSeconds(600L * i).toString())
                    .put("end", START.plusSeconds(600L * i + 300).toString());
        }
        return root;
    }

    private static HarFile capture() throws Exception {
        List<String[]> json = HarFile.headers("Content-Type", "application/json");
        ObjectNode values = ReportFiles.JSON.createObjectNode();
        values.put("script", SCRIPT).put("template", TEMPLATE).put("bidi", BIDI).put("controls", CONTROLS);
        values.putObject(PROTO).put("polluted", PROTO);
        values.put("constructor", "prototype");
        String wrapped = Base64.getEncoder().encodeToString(
                ReportFiles.JSON.writeValueAsBytes(ReportFiles.JSON.createObjectNode().put("x", CLOSE).put(SCRIPT, IMG)));
        StringBuilder huge = new StringBuilder(STYLE).append(' ');
        while (huge.length() < HUGE) {
            huge.append(CLOSE).append("<!--").append(IMG).append('\u202E');
        }
        String ip = "93.184.216.34";
        return new HarFile()
                .post(START.plusSeconds(10), "POST", "https://collect.example.com/v1/" + URLEncoder.encode(SCRIPT,
                        StandardCharsets.UTF_8) + "?q=" + URLEncoder.encode(IMG, StandardCharsets.UTF_8), ip,
                        HarFile.headers("Content-Type", "application/json", "Referer", JS_URL,
                                "X-\"><img src=x onerror=\"window.__pwned=1\">", JS_URL + " " + CLOSE,
                                "Host", "<b>collect</b>.example.com"), "application/json",
                        ReportFiles.JSON.writeValueAsString(values))
                .post(START.plusSeconds(610), "POST", "https://xn--80ak6aa92e.com/" + PROTO, ip,
                        HarFile.headers("Content-Type", "application/x-www-form-urlencoded"),
                        "application/x-www-form-urlencoded", "data=" + URLEncoder.encode(wrapped, StandardCharsets.UTF_8))
                .post(START.plusSeconds(1210), "POST",
                        "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0438\u0441\u043f\u044b\u0442\u0430\u043d\u0438\u0435/t",
                        "2001:db8::1", json, "application/json", ReportFiles.JSON.writeValueAsString(values))
                .post(START.plusSeconds(1810), "POST", "https://a!$&'()*+,;=b.example/t?" + PROTO + "=" + PROTO, null,
                        HarFile.headers("Content-Type", "text/plain"), "text/plain", huge.toString())
                .post(START.plusSeconds(2410), "GET", "https://\"><img src=x onerror=window.__pwned=1>\u202Eelpmaxe.example/?r="
                        + URLEncoder.encode(JS_URL, StandardCharsets.UTF_8) + "&b=" + URLEncoder.encode(BIDI,
                        StandardCharsets.UTF_8), "198.51.100.7", HarFile.headers("Cookie", PROTO + "=" + CLOSE), null, null);
    }

    @Test
    void everyPlantedPayloadIsFoundSoItReachesTheStoryGroupsAndLayers() throws Exception {
        JsonNode data = ReportFiles.embedded(reportFile);
        Set<String> planted = new TreeSet<>();
        ReportFiles.JSON.readTree(ReportFiles.JSON.writeValueAsString(canaryFile())).get("canaries")
                .forEach(c -> planted.add(c.get("id").asText()));
        Set<String> grouped = new TreeSet<>();
        data.get("groups").forEach(g -> {
            if (!g.get("canary").isNull()) {
                grouped.add(g.get("canary").asText());
            }
        });
        assertThat(grouped).as("every planted payload was found").containsExactlyInAnyOrderElementsOf(planted);
        String story = String.join("\n", ReportFiles.list(data.get("story")).stream().map(JsonNode::asText).toList());
        assertThat(story).contains(SCRIPT, IMG, CLOSE, STYLE, "bidi\u202Egnp.exe");
        Set<String> sessions = new TreeSet<>();
        data.get("groups").forEach(g -> g.get("sessions").fieldNames().forEachRemaining(sessions::add));
        assertThat(sessions).contains(SCRIPT, PROTO, "\u202Eincognito", IMG);
        boolean decoded = false;
        JsonNode layers = data.get("layers");
        for (JsonNode e : data.get("evidence")) {
            List<JsonNode> chain = ReportFiles.list(e.get("layers")).stream().map(i -> layers.get(i.asInt())).toList();
            JsonNode last = chain.get(chain.size() - 1);
            decoded |= chain.stream().anyMatch(l -> "base64".equals(l.get("decoder").asText()))
                    && CLOSE.equals(new String(Base64.getDecoder().decode(last.get("data").get("base64").asText()),
                    StandardCharsets.UTF_8));
        }
        assertThat(decoded).as("a payload is found under base64").isTrue();
    }

    @Test
    void theReportFileHoldsNoPayloadAsMarkup() throws Exception {
        String html = Files.readString(reportFile, StandardCharsets.UTF_8);
        for (String payload : MARKUP) {
            assertThat(html).as("the file as written").doesNotContain(payload);
        }
        // the page's script and its three data elements (summary, findings, evidence)
        assertThat(count(html, "<script")).isEqualTo(4);
        assertThat(count(html, "</script")).isEqualTo(4);
        assertThat(count(html, "<style")).isEqualTo(1);
        assertThat(html.length()).as("the megabyte body is in the file").isGreaterThan(HUGE);
    }

    @Test
    void theReportFileWithEveryGroupAndFindingOpenRunsNothingAndShowsEverything() throws Exception {
        browser.open(reportFile);
        assertOpenedPageIsIntact(ReportFiles.embedded(reportFile));
    }

    @Test
    void theWebViewWithEveryGroupAndFindingOpenRunsNothingAndShowsEverything() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(view.uri()).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String payload : MARKUP) {
            assertThat(page.body()).as("the page as served").doesNotContain(payload);
        }
        assertThat(count(page.body(), "<script")).isEqualTo(2);
        browser.open(view.uri());
        assertOpenedPageIsIntact(ReportFiles.embedded(reportFile));
    }

    private static void assertOpenedPageIsIntact(JsonNode data) {
        while (browser.one("#more-groups").isDisplayed()) {
            browser.one("#more-groups").click();
        }
        assertThat(browser.all("#groups .group")).hasSize(data.get("groups").size());
        browser.expandEverything();
        assertThat(browser.all("tr.finding-row")).hasSize(data.get("findings").size());
        assertThat(browser.all(".evidence[data-test=evidence]")).hasSize(data.get("findings").size());

        assertThat((Object) browser.js("return typeof window.__pwned")).isEqualTo("undefined");
        assertThat(browser.driver().getTitle()).isEqualTo("Telltale report");
        // The page's one script, and its data elements: the summary, and in a file the findings and the evidence.
        assertThat((Object) browser.js("return Array.from(document.querySelectorAll('script')).filter(s => !(s.type === "
                + "'application/json' && ['report-data', 'report-findings', 'report-evidence'].includes(s.id))).length"))
                .isEqualTo(1L);
        assertThat((Object) browser.js("return document.querySelectorAll('script').length")).isIn(2L, 4L);
        assertThat((Object) browser.js("return document.querySelectorAll('style').length")).isEqualTo(1L);
        assertThat((Object) browser.js("return document.querySelectorAll('img, iframe, object, embed, frame, link, base, "
                + "form[action], a[href], meta[http-equiv=refresh], svg a, svg script, svg foreignObject').length"))
                .isEqualTo(0L);
        assertThat((Object) browser.js("return Array.from(document.querySelectorAll('*')).filter(e => "
                + "Array.from(e.attributes).some(a => a.name.startsWith('on') || /javascript:/i.test(a.value))).length"))
                .as("no element with an event handler or a javascript: attribute").isEqualTo(0L);
        assertThat((Object) browser.js("return getComputedStyle(document.body).display")).isNotEqualTo("none");
        assertThat(browser.one("#story").isDisplayed()).isTrue();
        assertThat(browser.one("body").getDomAttribute("data-ready")).isEqualTo("true");
        assertThat((Object) browser.js("return Object.prototype.polluted === undefined && ({}).polluted === undefined"))
                .isEqualTo(true);

        String story = browser.one("#story-text").getDomProperty("textContent");
        assertThat(story).as("the payloads are shown as text").contains(SCRIPT, IMG, CLOSE, STYLE);
        assertThat(marks("#story-text .ctl")).as("the bidi override is shown as its code").contains("U+202E");
        assertThat(marks("#groups .ctl")).contains("U+202E", "U+200B", "U+2066", "U+0000", "U+001B");
        List<String> raw = browser.js("const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,"
                + " n => n.parentNode.nodeName === 'SCRIPT' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT);"
                + "const bad = /[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069]/;"
                + "const out = []; while (w.nextNode()) { const t = w.currentNode;"
                + "  if (bad.test(t.data)) out.push(t.parentNode.nodeName + ' in ' + t.parentNode.parentNode.nodeName + ': ' + t.data.slice(0, 60)); }"
                + "return out;");
        assertThat(raw).as("text on the page with a raw control, bidi or zero-width character").isEmpty();
        Long longest = browser.js("return Math.max.apply(null, Array.from(document.querySelectorAll('pre.bytes'))"
                + ".map(p => p.textContent.length))");
        assertThat(longest).as("the megabyte body is shown whole").isGreaterThanOrEqualTo((long) HUGE);
    }

    /** The distinct texts of the elements (thousands of them in the megabyte body: read in one call). */
    private static List<String> marks(String css) {
        return browser.js("return Array.from(new Set(Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)))",
                css);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what), Pattern.CASE_INSENSITIVE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

}
