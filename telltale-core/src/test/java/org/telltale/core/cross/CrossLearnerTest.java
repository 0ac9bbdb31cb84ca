package org.telltale.core.cross;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.api.Attribution;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Location;

/** Who counts as a different receiver, and the caps that bound what the first pass keeps. */
class CrossLearnerTest {
    private static final String ID = "3face34f-651a-4d12-89b0-707365caa4bc";

    @Test
    void receiversOfOneOrganisationOrOneDomainAreOneOwner() {
        // named and unnamed hosts of one domain, and two domains of one organisation
        assertThat(sharedAfter(to("px.dynamicyield.com", "dynamicyield.com", "DynamicYield"),
                to("static.dynamicyield.com", null, null))).isFalse();
        assertThat(sharedAfter(to("www.nytimes.com", "nytimes.com", "The New York Times"),
                to("static01.nyt.com", "nyt.com", "The New York Times"))).isFalse();
        assertThat(sharedAfter(to("www.nytimes.com", "nytimes.com", null), to("beacon.krxd.net", "krxd.net", "Krux")))
                .isTrue();
    }

    @Test
    void serversKnownByIpAloneAreTheirNetworks() {
        Destination a = new Destination("23.246.3.140", "23.246.3.140", 443,
                new Attribution(null, null, null, null, "US", 2906, "Netflix", null, Map.of()));
        Destination b = new Destination("23.246.11.141", "23.246.11.141", 443,
                new Attribution(null, null, null, null, "US", 2906, "Netflix", null, Map.of()));
        Destination c = new Destination("198.51.100.7", "198.51.100.7", 443,
                new Attribution(null, null, null, null, "US", 64500, "Other", null, Map.of()));
        assertThat(sharedAfter(a, b)).isFalse();
        assertThat(sharedAfter(a, c)).isTrue();
    }

    @Test
    void valuesBeyondTheCapAreCountedAndSaid() {
        CrossLearner learner = new CrossLearner();
        learner.begin(List.of("big.pcap"));
        int extra = 5;
        for (int i = 0; i < CrossLearner.MAX_TOKENS + extra; i++) {
            learner.exchange(analysis(i, token(String.format("%016x", 0x1000000000000000L + i)),
                    to("a.example.com", "example.com", null)));
        }
        assertThat(learner.diagnostics()).extracting(Diagnostic::message)
                .containsExactly(extra + " identifier-shaped values were not tracked (at most "
                        + CrossLearner.MAX_TOKENS + " are): whether they reached several organisations is not known");
    }

    @Test
    void identifiersBeyondTheCapAreCountedAndSaid() {
        CrossLearner learner = new CrossLearner();
        learner.begin(List.of("big.pcap"));
        int extra = 3;
        for (int i = 0; i < CrossLearner.MAX_IDENTIFIERS + extra; i++) {
            Finding f = new Finding(i, "x/entry " + i, null, "android_id", String.format("%016x", i), "",
                    new Location(Location.Kind.URL, "", 0), List.of(), 0, 16, "plain", Confidence.HIGH, null,
                    to("a.example.com", "example.com", null));
            learner.exchange(new ExchangeAnalysis(flow(i), List.of(f), List.of(), List.of()));
        }
        assertThat(learner.learned()).hasSize(CrossLearner.MAX_IDENTIFIERS);
        assertThat(learner.diagnostics()).extracting(Diagnostic::message).singleElement().asString()
                .startsWith(extra + " more identifiers were found than the " + CrossLearner.MAX_IDENTIFIERS);
    }

    @Test
    void onlyHighConfidenceBuiltInIdentifiersAreLearned() {
        Destination d = to("a.example.com", "example.com", null);
        Location url = new Location(Location.Kind.URL, "", 0);
        assertThat(CrossLearner.learnable(new Finding(0, "x", null, "android_id", "9774d56d682e549c", "", url, List.of(),
                0, 16, "plain", Confidence.HIGH, null, d))).isTrue();
        assertThat(CrossLearner.learnable(new Finding(0, "x", null, "android_id", "9774d56d682e549c", "", url, List.of(),
                0, 16, "plain", Confidence.MEDIUM, null, d))).as("medium").isFalse();
        assertThat(CrossLearner.learnable(new Finding(0, "x", "planted", "android_id", "9774d56d682e549c", "", url,
                List.of(), 0, 16, "plain", Confidence.CERTAIN, null, d))).as("a canary has its own spellings").isFalse();
        assertThat(CrossLearner.learnable(new Finding(0, "x", null, "search", "purple elephant 4921", "", url,
                List.of(), 0, 16, "plain", Confidence.HIGH, null, d))).as("not an identifier").isFalse();
        assertThat(CrossLearner.learnable(new Finding(0, "x", null, "phone", "5551234", "", url, List.of(), 0, 7,
                "plain", Confidence.HIGH, null, d))).as("too short not to match by chance").isFalse();
    }

    private static boolean sharedAfter(Destination... receivers) {
        CrossLearner learner = new CrossLearner();
        learner.begin(List.of("t.har"));
        for (int i = 0; i < receivers.length; i++) {
            learner.exchange(analysis(i, token(ID), receivers[i]));
        }
        return learner.learned().stream().anyMatch(LearnedValue::shared);
    }

    private static String token(String value) {
        return value;
    }

    private static ExchangeAnalysis analysis(int i, String value, Destination to) {
        Finding f = new Finding(i, "x/entry " + i, null, IdTokens.NAME, value, value,
                new Location(Location.Kind.URL, "", 0), List.of(), 0, value.length(), "plain", Confidence.LOW, null, to);
        return new ExchangeAnalysis(flow(i), List.of(f), List.of(), List.of());
    }

    private static Flow flow(int i) {
        return new Flow(i, "x/entry " + i, Instant.EPOCH, "GET", "https://a.example.com/", "a.example.com", null, 443,
                null, "t.har", "entry " + i, null, false, false);
    }

    private static Destination to(String host, String domain, String organisation) {
        return new Destination(host, null, 443, new Attribution(domain, organisation, null, null, null, 0, null, null,
                Map.of()));
    }
}
