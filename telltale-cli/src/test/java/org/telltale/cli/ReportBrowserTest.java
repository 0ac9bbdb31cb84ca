package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.telltale.api.Canary;
import org.telltale.api.DataKinds;
import org.telltale.api.CanaryFile;
import org.telltale.core.canary.CanaryFiles;

/**
 * The README's example as a person reads its report in a real browser: the story, the pictures, a
 * finding followed layer by layer to the highlighted value, and the filters. Expected values come
 * from the data the page embeds and from {@code analyze --format json}, never from the page itself.
 */
class ReportBrowserTest {
    @TempDir
    static Path dir;

    private static Browser browser;
    private static Path har;
    private static Path canaryFile;
    /** The page from {@code telltale report} over the case, and from {@code analyze --format html} over the capture. */
    private static final Map<String, Path> pages = new HashMap<>();
    private static JsonNode result;

    @BeforeAll
    static void makeTheExampleReports() throws Exception {
        browser = Browser.start();
        Path caseFile = ReportFiles.exampleCase(dir);
        har = dir.resolve("capture.har");
        canaryFile = dir.resolve("planted.yaml");
        pages.put("report", ReportFiles.report(caseFile, dir.resolve("report.html")));
        pages.put("analyze", ReportFiles.analyzeHtml(har, canaryFile, dir.resolve("analyze.html")));
        result = ReportFiles.analyzeJson(dir.resolve("result.json"), caseFile.toString());
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void leaveAScreenshotAndACleanConsole(TestInfo test) {
        browser.finish(test);
    }

    private static JsonNode open(String which) throws IOException {
        browser.open(pages.get(which));
        return ReportFiles.embedded(pages.get(which));
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "analyze"})
    void theStoryNamesThePlantedValuesThatLeftTheReceiverItsCountriesAndTheSession(String which) throws Exception {
        JsonNode data = open(which);
        List<String> sentences = browser.all("#story-text p[data-test=sentence]").stream()
                .map(p -> p.getDomProperty("textContent")).toList();
        assertThat(sentences).as("the sentences the page shows are the ones it embeds")
                .containsExactlyElementsOf(ReportFiles.list(data.get("story")).stream().map(JsonNode::asText).toList());
        String story = String.join("\n", sentences);

        CanaryFile planted = CanaryFiles.parse(Files.readAllBytes(canaryFile), canaryFile.toString());
        Set<String> left = new TreeSet<>();
        Map<String, Set<Integer>> sessionFlows = new TreeMap<>();
        Set<String> receivers = new TreeSet<>();
        Set<String> countries = new TreeSet<>();
        for (JsonNode f : result.get("findings")) {
            if (!f.get("canary").isNull()) {
                left.add(f.get("canary").asText());
            }
            if (!f.get("session").isNull()) {
                sessionFlows.computeIfAbsent(f.get("session").asText(), k -> new TreeSet<>()).add(f.get("flow").asInt());
            }
            JsonNode d = f.get("destination");
            receivers.add(!d.get("organization").isNull() ? d.get("organization").asText()
                    : !d.get("registrable_domain").isNull() ? d.get("registrable_domain").asText() : d.get("host").asText());
            if (!d.get("country").isNull()) {
                countries.add(d.get("country").asText());
            }
        }
        assertThat(left).as("the example has planted values that left").isNotEmpty();
        assertThat(receivers).contains("Xiaomi");
        assertThat(countries).contains("SG", "RU");
        assertThat(sessionFlows).containsKey("incognito");

        String plantedSentence = sentences.stream().filter(s -> s.contains("planted value")).findFirst().orElseThrow();
        assertThat(plantedSentence).startsWith(left.size() + " of the " + planted.canaries().size() + " planted values left");
        for (Canary c : planted.canaries()) {
            if (left.contains(c.id())) {
                assertThat(plantedSentence).contains(c.id() + " (" + DataKinds.words(c.type().id()) + ")");
            } else {
                assertThat(plantedSentence).doesNotContain(c.id());
            }
        }
        String receiverSentence = sentences.stream().filter(s -> s.startsWith("It went to")).findFirst().orElseThrow();
        assertThat(receiverSentence).startsWith("It went to " + receivers.size() + " receivers with servers in "
                + countries.size() + " countries");
        receivers.forEach(r -> assertThat(receiverSentence).contains(r));
        for (String c : countries) {
            String name = new Locale("", c).getDisplayCountry(Locale.ENGLISH);
            assertThat(receiverSentence).contains(name + " (" + c + ")");
        }
        assertThat(story).contains("Singapore (SG)", "Russia (RU)");
        sessionFlows.forEach((label, flows) -> assertThat(story)
                .contains(flows.size() + " request" + (flows.size() == 1 ? "" : "s") + " during the \u201c" + label
                        + "\u201d session"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "analyze"})
    void theFiguresAreTheEmbeddedTotalsAndTheTotalsAreTheAnalysis(String which) throws Exception {
        JsonNode data = open(which);
        Map<String, String> figures = new TreeMap<>();
        for (WebElement f : browser.all("#figures .figure")) {
            figures.put(f.findElement(By.tagName("span")).getDomProperty("textContent"),
                    f.findElement(By.tagName("b")).getDomProperty("textContent"));
        }
        JsonNode t = data.get("totals");
        assertThat(figures).containsExactlyInAnyOrderEntriesOf(Map.of(
                "requests read", t.get("requests").asText(),
                "requests with personal data", t.get("requests_with_findings").asText(),
                "planted values left", t.get("planted_left").asText() + " of " + t.get("planted").asText(),
                "rows below: a value and who got it", t.get("groups").asText(),
                "receivers", t.get("receivers").asText(),
                "server countries", t.get("countries").asText(),
                "requests in marked sessions", t.get("in_sessions").asText(),
                "connections not readable", t.get("opaque").asText()));

        List<JsonNode> findings = ReportFiles.list(result.get("findings"));
        assertThat(t.get("requests").asInt()).isEqualTo(result.get("flows").size());
        assertThat(t.get("findings").asInt()).isEqualTo(findings.size());
        assertThat(t.get("requests_with_findings").asLong()).isEqualTo(findings.stream().map(f -> f.get("flow").asInt()).distinct().count());
        assertThat(t.get("planted_left").asLong()).isEqualTo(findings.stream().filter(f -> !f.get("canary").isNull())
                .map(f -> f.get("canary").asText()).distinct().count());
        assertThat(t.get("in_sessions").asLong()).isEqualTo(findings.stream().filter(f -> !f.get("session").isNull())
                .map(f -> f.get("flow").asInt()).distinct().count());
        assertThat(t.get("countries").asLong()).isEqualTo(findings.stream().map(f -> f.get("destination").get("country"))
                .filter(c -> !c.isNull()).map(JsonNode::asText).distinct().count());
        assertThat(t.get("opaque").asInt()).isEqualTo(result.get("opaque").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "analyze"})
    void theSankeyHasANodePerKindReceiverAndCountryAndTheTimelineMarksSessionsAndFindings(String which) throws Exception {
        JsonNode data = open(which);
        List<JsonNode> groups = ReportFiles.list(data.get("groups"));
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> receivers = new TreeMap<>();
        Map<String, Integer> countries = new TreeMap<>();
        for (JsonNode g : groups) {
            kinds.merge(g.get("kind_name").asText(), g.get("requests").asInt(), Integer::sum);
            receivers.merge(g.get("receiver").asText(), g.get("requests").asInt(), Integer::sum);
            Map<String, String> names = new HashMap<>();
            for (int i = 0; i < g.get("countries").size(); i++) {
                names.put(g.get("countries").get(i).asText(), g.get("country_names").get(i).asText());
            }
            g.get("country_requests").fields().forEachRemaining(e -> countries.merge(
                    e.getKey().isEmpty() ? "unknown" : names.get(e.getKey()), e.getValue().asInt(), Integer::sum));
        }
        List<String> expected = new ArrayList<>();
        for (Map<String, Integer> column : List.of(kinds, receivers, countries)) {
            column.forEach((name, requests) -> expected.add(name + " (" + requests + ")"));
        }
        List<String> nodes = browser.all("svg[data-test=sankey] > text").stream()
                .map(e -> e.getDomProperty("textContent")).toList();
        assertThat(nodes).as("a node per kind, receiver and country, with its number of requests")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(nodes).contains("Singapore (SG) (" + countries.get("Singapore (SG)") + ")")
                .anyMatch(n -> n.startsWith("Russia (RU) ("));

        List<String> sessions = browser.all("svg[data-test=timeline] rect[data-session]").stream()
                .map(r -> r.getDomAttribute("data-session")).toList();
        assertThat(sessions).containsExactlyElementsOf(
                ReportFiles.list(data.get("sessions")).stream().map(s -> s.get("label").asText()).toList());
        List<Integer> red = browser.all("svg[data-test=timeline] rect[data-findings]").stream()
                .map(r -> Integer.parseInt(r.getDomAttribute("data-findings"))).toList();
        List<Integer> withFindings = ReportFiles.list(data.get("timeline").get("bins")).stream()
                .map(b -> b.get(1).asInt()).filter(n -> n > 0).toList();
        assertThat(red).as("a red bar for each time bin with personal data").containsExactlyElementsOf(withFindings);
        assertThat(red.stream().mapToInt(Integer::intValue).sum()).as("bars count requests, each once")
                .isEqualTo(data.get("totals").get("requests_with_findings").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"search-incognito", "phone-imei"})
    void expandingAFindingFollowsItsLayersToTheHighlightedValue(String canary) throws Exception {
        JsonNode data = open("report");
        JsonNode har = ReportFiles.JSON.readTree(ReportBrowserTest.har.toFile());
        JsonNode group = ReportFiles.list(data.get("groups")).stream()
                .filter(g -> canary.equals(g.get("canary").asText())).findFirst().orElseThrow();
        Map<String, JsonNode> analysed = new HashMap<>();
        result.get("findings").forEach(f -> analysed.put(ReportFiles.identity(f), f));

        String groupCss = "#groups .group[data-group='" + group.get("id").asInt() + "']";
        browser.one(groupCss + " .summary").click();
        browser.waitUntil(d -> !d.findElements(By.cssSelector(groupCss + " tr.finding-row")).isEmpty());
        List<WebElement> rows = browser.all(groupCss + " table[data-test=findings] tr.finding-row");
        int first = group.get("first_finding").asInt();
        assertThat(rows.stream().map(r -> Integer.parseInt(r.getDomAttribute("data-finding"))).toList())
                .as("every finding of the group, and no other")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(first, first + group.get("findings").asInt())
                        .boxed().toList());

        for (WebElement row : rows) {
            int id = Integer.parseInt(row.getDomAttribute("data-finding"));
            JsonNode f = analysed.get(ReportFiles.identity(data.get("findings").get(id).get("finding")));
            assertThat(f).as("finding %s is one analyze --format json reports", id).isNotNull();
            assertThat(f.get("canary").asText()).isEqualTo(canary);
            row.click();
            String evidence = groupCss + " tr.finding-row[data-finding='" + id + "'] + tr.evidence-row .evidence";
            browser.waitUntil(d -> !d.findElements(By.cssSelector(evidence)).isEmpty());
            WebElement box = browser.one(evidence);

            JsonNode entry = har.get("log").get("entries").get(f.get("flow").asInt());
            assertThat(box.findElement(By.cssSelector(":scope > p.mono")).getDomProperty("textContent"))
                    .as("the request as captured").startsWith(entry.get("request").get("method").asText() + " "
                            + entry.get("request").get("url").asText());

            List<WebElement> layers = box.findElements(By.cssSelector(".layer"));
            List<JsonNode> steps = ReportFiles.list(f.get("steps"));
            assertThat(layers).as("the root and one layer per step").hasSize(steps.size() + 1);
            List<String> labels = layers.stream().map(l -> l.findElement(By.cssSelector("h4 > span.mono"))
                    .getDomProperty("textContent")).toList();
            List<String> expectedLabels = new ArrayList<>(List.of(f.get("location").asText()));
            steps.forEach(s -> expectedLabels.add(s.get("label").asText()));
            assertThat(labels).containsExactlyElementsOf(expectedLabels);
            for (int i = 0; i < layers.size(); i++) {
                assertThat(layers.get(i).getDomAttribute("data-layer")).isEqualTo(Integer.toString(i));
            }
            WebElement last = layers.get(layers.size() - 1);
            String hit = last.findElements(By.cssSelector("mark.hit")).stream()
                    .map(m -> m.getDomProperty("textContent")).collect(Collectors.joining());
            assertThat(hit).as("the highlighted value is what was matched").isEqualTo(f.get("matched").asText());
            assertThat(box.findElements(By.cssSelector("mark.hit"))).as("only the last layer highlights the hit")
                    .allMatch(m -> last.findElements(By.cssSelector("mark.hit")).contains(m));
            if (f.get("transform").asText().equals("plain")) {
                assertThat(hit).isEqualTo(group.get("value").asText());
            }
        }
    }

    @Test
    void theFiltersShowExactlyTheGroupsThatMatchThem() throws Exception {
        JsonNode data = open("report");
        List<JsonNode> groups = ReportFiles.list(data.get("groups"));

        choose("#filter-country", "RU");
        assertShown(groups, g -> contains(g.get("countries"), "RU"), "the groups whose servers include Russia");
        choose("#filter-country", "");
        assertShown(groups, g -> true, "every group again");

        WebElement search = browser.one("#search");
        search.sendKeys("purple");
        assertShown(groups, g -> text(g).contains("purple"), "the groups whose text contains 'purple'");
        search.clear();
        browser.js("arguments[0].dispatchEvent(new Event('input'))", search);
        assertShown(groups, g -> true, "every group again");

        choose("#filter-origin", "built-in");
        assertShown(groups, g -> g.get("canary").isNull(), "the groups no canary found");
        choose("#filter-origin", "planted");
        assertShown(groups, g -> !g.get("canary").isNull(), "the groups of planted values");
        choose("#filter-origin", "");

        choose("#filter-session", "incognito");
        assertShown(groups, g -> g.get("sessions").has("incognito"), "the groups sent during the incognito session");
        choose("#filter-session", "");
        assertShown(groups, g -> true, "every group again");
    }

    private static void choose(String select, String value) {
        new Select(browser.one(select)).selectByValue(value);
    }

    private static boolean contains(JsonNode array, String value) {
        return ReportFiles.list(array).stream().anyMatch(v -> v.asText().equals(value));
    }

    /** Everything a group says of itself, lower-cased. */
    private static String text(JsonNode g) {
        List<String> parts = new ArrayList<>(List.of(g.get("kind_name").asText(), g.get("subject").asText(),
                g.get("value").asText(), g.get("receiver").asText(), g.get("provenance").asText()));
        g.get("hosts").forEach(h -> parts.add(h.asText()));
        g.get("country_names").forEach(c -> parts.add(c.asText()));
        g.get("sessions").fieldNames().forEachRemaining(parts::add);
        return String.join("\u0000", parts).toLowerCase(Locale.ROOT);
    }

    private static void assertShown(List<JsonNode> groups, Predicate<JsonNode> filter, String what) {
        Set<Integer> expected = groups.stream().filter(filter).map(g -> g.get("id").asInt())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(expected).as("the example has " + what).isNotEmpty();
        Set<Integer> shown = browser.all("#groups .group").stream().map(g -> Integer.parseInt(g.getDomAttribute("data-group")))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(shown).as(what).containsExactlyElementsOf(expected);
        assertThat(browser.one("#shown").getDomProperty("textContent")).startsWith(expected.size() == groups.size()
                ? expected.size() + " rows, one per kind of data, value and receiver" : expected.size() + " of " + groups.size() + " shown");
    }
}
