package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.telltale.api.Detection;
import org.telltale.api.Organisations;
import org.junit.jupiter.api.Test;
import org.telltale.core.Allowances;
import org.telltale.core.detect.NodeView;
import org.telltale.core.judge.AllowedDestinations;
import org.telltale.core.judge.Candidate;
import org.telltale.core.judge.Verdict;

/**
 * The real page load of www.nytimes.com (pagexray's HAR): its front page address goes as Referer to the
 * paper's static hosts on nyt.com and to some forty ad and analytics hosts. With the organisation table
 * (as telltale-entities has it: nytimes.com and nyt.com are The New York Times Company, a row sourced by
 * nyt.com's redirect) the judge drops exactly the sends to nyt.com; without it, none. That the bundled
 * datasets answer so for these very hosts is FirstPartyByOrganisationTest in telltale-attribute.
 */
class FirstPartyHistoryOnRealHarTest {
    private static final Organisations NYT = host -> host.equals("nytimes.com") || host.endsWith(".nytimes.com")
            || host.equals("nyt.com") || host.endsWith(".nyt.com") ? "The New York Times Company" : null;

    @Test
    void theFrontPageSentToThePapersOwnSisterDomainIsNotHistoryAndEverySendToAnotherCompanyStays() throws IOException {
        Set<String> droppedWithTable = new TreeSet<>();
        Set<String> keptWithTable = new TreeSet<>();
        Set<String> droppedWithout = new TreeSet<>();
        BrowsingHistoryDetector detector = new BrowsingHistoryDetector();
        for (HarRequests.Node n : HarRequests.nodes("/detect/har/www.nytimes.com.har")) {
            for (Detection d : detector.detect(NodeView.of(n.node(), n.leaf(), n.destination(), null))) {
                List<Candidate> one = List.of(new Candidate(0, n.node().location(), n.node().path(), d));
                AllowedDestinations withTable = new AllowedDestinations(new Allowances(List.of()), NYT);
                AllowedDestinations without = new AllowedDestinations(new Allowances(List.of()), Organisations.NONE);
                Verdict verdict = new Verdict(n.destination());
                (withTable.apply(one, verdict).isEmpty() ? droppedWithTable : keptWithTable).add(n.destination());
                if (without.apply(one, new Verdict(n.destination())).isEmpty()) {
                    droppedWithout.add(n.destination());
                }
                assertThat(verdict.expected()).isEmpty(); // no canary to count it under
            }
        }

        assertThat(droppedWithTable).containsExactly("a1.nyt.com", "int.nyt.com", "s1.nyt.com", "static01.nyt.com");
        assertThat(keptWithTable).hasSizeGreaterThan(30).noneMatch(host -> host.endsWith("nyt.com"))
                .contains("ib.adnxs.com", "nytimes.activate.ensighten.com", "pnytimes.chartbeat.net");
        assertThat(droppedWithout).isEmpty();
    }
}
