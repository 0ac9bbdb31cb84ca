package org.telltale.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Location;
import org.telltale.api.Organisations;
import org.telltale.api.Step;
import org.telltale.core.Allowances;
import org.telltale.core.TestNodes;

class JudgeRulesTest {
    private static final Location BODY = new Location(Location.Kind.BODY, "", 4);

    private static Candidate at(int node, List<String> path, String canary, String kind, String value, int start,
                                int end) {
        List<Step> steps = TestNodes.steps(path);
        return new Candidate(node, BODY, steps, new Detection(canary, kind, value, value, "plain",
                canary == null ? Confidence.HIGH : Confidence.CERTAIN, start, end));
    }

    @Test
    void aBuiltInDetectionOfTheBytesACanaryMatchedIsDroppedAndOnlyThat() {
        Candidate planted = at(3, List.of("json:$.e"), "mail-1", "email", "a@b.example", 0, 11);
        Candidate sameBytes = at(3, List.of("json:$.e"), null, "email", "a@b.example", 0, 11);
        Candidate elsewhereInNode = at(3, List.of("json:$.e"), null, "phone", "+4915112345678", 20, 34);
        Candidate otherNode = at(5, List.of("json:$.f"), null, "email", "a@b.example", 0, 11);

        List<Candidate> kept = new CanaryExplainsBuiltIn().apply(List.of(planted, sameBytes, elsewhereInNode, otherNode),
                new Verdict("t.example"));

        assertThat(kept).containsExactly(planted, elsewhereInNode, otherNode);
    }

    @Test
    void browsingHistoryOnATrackerHostIsAnAdFrameNotAVisit() {
        Candidate adFrame = at(1, List.of(), null, "browsing_history", "https://ads.tracker.example/frame", 0, 30);
        Candidate page = at(2, List.of(), null, "browsing_history", "https://news.example/story", 0, 25);
        Candidate plantedOnTracker = at(3, List.of(), "v", "url", "https://ads.tracker.example/frame", 0, 30);

        List<Candidate> kept = new AdFramesAreNotHistory(host -> host.endsWith("tracker.example"))
                .apply(List.of(adFrame, page, plantedOnTracker), new Verdict("cdn.example"));

        assertThat(kept).containsExactly(page, plantedOnTracker);
    }

    @Test
    void aCanaryAtAnAllowedDestinationIsExpectedAndElsewhereALeak() {
        Allowances allowances = new Allowances(List.of(
                new Canary("q", CanaryType.SEARCH, "purple elephant", List.of("duckduckgo.com"))));
        Candidate search = at(1, List.of("query:q"), "q", "search", "purple elephant", 0, 15);

        Verdict toEngine = new Verdict("duckduckgo.com");
        Verdict toTracker = new Verdict("tracking.intl.miui.com");
        List<Candidate> atEngine = new AllowedDestinations(allowances).apply(List.of(search), toEngine);
        List<Candidate> atTracker = new AllowedDestinations(allowances).apply(List.of(search), toTracker);

        assertThat(atEngine).isEmpty();
        assertThat(toEngine.expected()).containsExactly(new Verdict.Expected("q", "duckduckgo.com"));
        assertThat(atTracker).containsExactly(search);
        assertThat(toTracker.expected()).isEmpty();
    }

    @Test
    void onlyTheInnermostOfTheSameValueIsKeptAndSiblingsStay() {
        Candidate url = at(0, List.of(), "q", "search", "purple", 30, 36);
        Candidate query = at(1, List.of("query:dl"), "q", "search", "purple", 10, 16);
        Candidate inner = at(2, List.of("query:dl", "query:q"), "q", "search", "purple", 2, 8);
        Candidate sibling = at(3, List.of("query:ref"), "q", "search", "purple", 0, 6);
        Candidate twiceInSibling = at(3, List.of("query:ref"), "q", "search", "purple", 9, 15);
        Candidate otherValue = at(1, List.of("query:dl"), "u", "url", "https://x.example/", 0, 18);

        List<Candidate> kept = new InnermostOnly().apply(List.of(url, query, otherValue, inner, sibling, twiceInSibling),
                new Verdict("t.example"));

        assertThat(kept).containsExactly(otherValue, inner, sibling);
    }

    @Test
    void theJudgeGivesTheSameFindingsInTheSameOrderHoweverTheCandidatesArrive() {
        List<Candidate> candidates = new ArrayList<>();
        for (int node = 0; node < 12; node++) {
            candidates.add(at(node, List.of("form:f" + node), null, "email", "p" + node + "@b.example", 0, 12));
            candidates.add(at(node, List.of("form:f" + node), null, "phone", "+49151000000" + node, 14, 27));
            candidates.add(at(node, List.of("form:f" + node), "c", "email", "p" + node + "@b.example", 0, 12));
        }
        Judge judge = Judge.standard(new Allowances(List.of()), host -> false);
        List<Candidate> expected = judge.judge(candidates, new Verdict("t.example"));
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            List<Candidate> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, random);
            assertThat(judge.judge(shuffled, new Verdict("t.example"))).isEqualTo(expected);
        }
        assertThat(expected).hasSize(24).allMatch(c -> c.planted() || c.detection().kind().equals("phone"));
    }

    @Test
    void twoDetectorsReportingTheSameThingInOneNodeGiveOneFindingNotNone() {
        Candidate one = at(2, List.of("form:e"), null, "email", "a@b.example", 0, 11);
        Candidate same = at(2, List.of("form:e"), null, "email", "a@b.example", 0, 11);

        assertThat(new InnermostOnly().apply(List.of(one, same), new Verdict("t.example"))).hasSize(1);
    }

    @Test
    void aVisitedUrlReachingASisterDomainOfItsOrganisationIsExpectedAndNamesTheOrganisation() {
        Organisations nyt = host -> host.endsWith("nytimes.com") || host.endsWith("nyt.com") ? "The New York Times Company" : null;
        Allowances allowances = new Allowances(List.of(
                new Canary("v", CanaryType.URL, "https://www.nytimes.com/section/world", List.of())));
        Candidate visit = at(1, List.of("header:Referer"), "v", "url", "https://www.nytimes.com/section/world", 0, 37);

        Verdict toCdn = new Verdict("static01.nyt.com");
        Verdict toAdServer = new Verdict("ib.adnxs.com");
        Verdict toCdnWithoutTable = new Verdict("static01.nyt.com");
        assertThat(new AllowedDestinations(allowances, nyt).apply(List.of(visit), toCdn)).isEmpty();
        assertThat(new AllowedDestinations(allowances, nyt).apply(List.of(visit), toAdServer)).containsExactly(visit);
        assertThat(new AllowedDestinations(allowances, Organisations.NONE).apply(List.of(visit), toCdnWithoutTable))
                .containsExactly(visit);

        assertThat(toCdn.expected()).containsExactly(new Verdict.Expected("v", "The New York Times Company"));
        assertThat(toAdServer.expected()).isEmpty();
        assertThat(toCdnWithoutTable.expected()).isEmpty();
    }
}
