package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.report.html.HtmlPage;

/**
 * {@code telltale ui}'s web view over the README's example, on loopback: the same page as the report
 * file, with findings and evidence fetched from the server as the reader opens them, and nothing
 * served to a request without the token or for another Host.
 */
class WebViewBrowserTest {
    @TempDir
    static Path dir;

    private static Browser browser;
    private static LiveCase view;
    private static Path reportFile;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serveTheExample() throws Exception {
        browser = Browser.start();
        Path example = ReportFiles.exampleCase(dir);
        reportFile = ReportFiles.report(example, dir.resolve("report.html"));
        view = LiveCase.serve(example);
    }

    @AfterAll
    static void stop() throws Exception {
        LiveCase.closeAll(view, browser);
    }

    @AfterEach
    void leaveAScreenshotAndACleanConsole(TestInfo test) {
        browser.finish(test);
    }

    private static List<String> sentences() {
        return browser.all("#story-text p[data-test=sentence]").stream().map(p -> p.getDomProperty("textContent")).toList();
    }

    @Test
    void theLivePageTellsTheSameStoryAsTheReportFile() throws Exception {
        browser.open(view.uri());
        assertThat(sentences()).isNotEmpty().containsExactlyElementsOf(
                ReportFiles.list(ReportFiles.embedded(reportFile).get("story")).stream().map(JsonNode::asText).toList());
        assertThat(browser.one("svg[data-test=sankey]").isDisplayed()).isTrue();
    }

    @Test
    void everyFindingAndItsEvidenceIsFetchedFromTheServerAndReadsAsInTheReportFile() throws Exception {
        JsonNode served = ReportFiles.embedded(get(view.uri(), Map.of()).body());
        assertThat(served.get("mode").asText()).isEqualTo("live");
        assertThat(served.has("findings") || served.has("evidence") || served.has("layers"))
                .as("the live page embeds only the summary").isFalse();

        browser.open(reportFile);
        browser.expandEverything();
        Map<String, Object> inFile = evidenceShown();
        browser.open(view.uri());
        browser.expandEverything();
        Map<String, Object> live = evidenceShown();

        assertThat(live.keySet()).as("every finding of the case, numbered as in the file")
                .hasSize(ReportFiles.embedded(reportFile).get("findings").size())
                .containsExactlyInAnyOrderElementsOf(inFile.keySet());
        assertThat(live).as("each finding's request, layers, commands and highlighted value").isEqualTo(inFile);
    }

    /** Per finding shown: the text of its evidence, its layers' count and what is highlighted. */
    private static Map<String, Object> evidenceShown() {
        return browser.js("const out = {};"
                + "document.querySelectorAll('tr.finding-row').forEach(tr => {"
                + "  const e = tr.nextElementSibling.querySelector('.evidence');"
                + "  out[tr.dataset.finding] = {text: e.textContent, layers: e.querySelectorAll('.layer').length,"
                + "    hit: Array.from(e.querySelectorAll('mark.hit')).map(m => m.textContent).join('')};"
                + "});"
                + "return out;");
    }

    @Test
    void onlyARequestWithTheTokenForTheRightHostIsAnswered() throws Exception {
        URI page = view.uri();
        String token = page.getQuery().substring("token=".length());
        URI base = page.resolve("/");
        String policy = HtmlPage.contentSecurityPolicy(true);

        HttpResponse<String> ok = get(page, Map.of());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("<title>Telltale report</title>");
        assertThat(get(base, Map.of()).statusCode()).as("no token").isEqualTo(403);
        assertThat(get(base.resolve("/?token=" + "0".repeat(token.length())), Map.of()).statusCode()).as("a wrong token")
                .isEqualTo(403);
        assertThat(get(base.resolve("/?token=" + token.substring(1)), Map.of()).statusCode()).as("a token cut short")
                .isEqualTo(403);

        URI findings = base.resolve("/api/findings?group=0&offset=0&limit=5");
        URI evidence = base.resolve("/api/evidence?finding=0");
        assertThat(get(findings, Map.of()).statusCode()).as("an API call without the header").isEqualTo(403);
        assertThat(get(URI.create(findings + "&token=" + token), Map.of()).statusCode())
                .as("the token in the query is not enough for the API").isEqualTo(403);
        assertThat(get(evidence, Map.of("X-Telltale-Token", "x" + token)).statusCode()).as("a wrong header").isEqualTo(403);
        HttpResponse<String> api = get(findings, Map.of("X-Telltale-Token", token));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(ReportFiles.JSON.readTree(api.body()).get("findings")).isNotEmpty();
        assertThat(get(evidence, Map.of("X-Telltale-Token", token)).statusCode()).isEqualTo(200);
        assertThat(get(base.resolve("/api/evidence?finding=99999"), Map.of("X-Telltale-Token", token)).statusCode())
                .as("no such finding").isEqualTo(404);

        for (URI u : List.of(page, base, findings, evidence, base.resolve("/api/evidence?finding=99999"))) {
            for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("X-Telltale-Token", token))) {
                assertThat(get(u, headers).headers().firstValue("Content-Security-Policy")).as("the policy on " + u)
                        .contains(policy);
            }
        }

        String rightHost = page.getHost() + ":" + page.getPort();
        assertThat(raw(page, rightHost)).as("the same request by hand, for the right Host").startsWith("HTTP/1.1 200");
        assertThat(raw(page, "localhost:" + page.getPort())).as("localhost names the same server").startsWith("HTTP/1.1 200");
        for (String host : List.of("evil.example", "evil.example:" + page.getPort(), "127.0.0.1.nip.io:" + page.getPort(),
                "127.0.0.1:" + (page.getPort() + 1))) {
            String answer = raw(page, host);
            assertThat(answer).as("Host: " + host).startsWith("HTTP/1.1 403");
            assertThat(answer).containsIgnoringCase("Content-Security-Policy: " + policy);
            assertThat(answer).doesNotContain("report-data");
        }
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of the page with the right token and the given Host header, written on a socket; the whole answer. */
    private static String raw(URI page, String host) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(page.getHost(), page.getPort()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /?" + page.getRawQuery() + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
