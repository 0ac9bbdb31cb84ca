package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.core.detect.NodeView;

class SearchDetectorTest {
    private final SearchDetector detector = new SearchDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://www.google.com/search?q=purple+elephant+4921&oq=purple|purple elephant 4921",
            "https://www.google.se/search?client=firefox-b-d&q=h%C3%A4lsa+v%C3%A5rdcentral|hälsa vårdcentral",
            "https://www.bing.com/search?q=divorce%20lawyer&form=QBLH|divorce lawyer",
            "https://duckduckgo.com/?q=hiv+test+anonymous&t=h_|hiv test anonymous",
            "https://www.baidu.com/s?ie=utf-8&wd=%E5%A4%B1%E7%9C%A0|失眠",
            "https://yandex.ru/search/?text=%D0%BA%D1%80%D0%B5%D0%B4%D0%B8%D1%82&lr=213|кредит",
            "https://search.yahoo.com/search?p=debt+help|debt help",
            "https://www.sogou.com/web?query=%E6%8A%91%E9%83%81|抑郁"})
    void searchEngineResultPageSentToAThirdPartyGivesTheSearchText(String url, String text) {
        Payload referer = Leaves.header("Referer", url);
        assertThat(detector.detect(NodeView.of(referer, true, "www.facebook.com", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence, Detection::matched)
                .containsExactly(tuple("search", text, Confidence.HIGH, url));
    }

    @Test
    void theEnginesOwnRequestWithItsOwnSearchIsNotALeak() {
        Payload referer = Leaves.header("Referer", "https://www.google.com/search?q=purple+elephant");
        assertThat(detector.detect(NodeView.of(referer, true, "www.google.com", null))).isEmpty();
        assertThat(detector.detect(NodeView.of(referer, true, "apis.google.se", null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.google.com/",                                  // real, from firefox.har: no search
            "https://www.google.com/url?q=https://mitmproxy.org/",      // a result click, not a search
            "https://www.google.com/search?q=",
            "https://maps.googleapis.com/maps/api/js?q=x",
            "https://www.bing.com/maps?q=paris"})
    void addressesWithoutASearchAreNotReported(String url) {
        assertThat(detector.detect(NodeView.of(Leaves.query("dl", url), true, "www.google-analytics.com", null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"json:$.search_term, cheap flights to oslo", "form:keyword, Migräne", "query:kw, pregnancy test"})
    void textUnderASearchFieldNameIsMedium(String step, String text) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, text), true, "api.shop-analytics.example", null)))
                .extracting(Detection::value, Detection::confidence)
                .containsExactly(tuple(text, Confidence.MEDIUM));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "json:$.query|query { viewer { login } }",    // a GraphQL query
            "json:$.query|12345",
            "json:$.search|true",
            "json:$.query|https://www.nytimes.com/",
            "json:$.q|pregnancy test"})                    // "q" is too common a name to trust alone
    void valuesThatAreNotTypedSearchesAreNotReported(String step, String text) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, text), true, "api.shop-analytics.example", null))).isEmpty();
    }

    @Test
    void aSearchFieldSentToASearchEngineIsItsOwnSearch() {
        assertThat(detector.detect(NodeView.of(Leaves.query("query", "weather"), true, "www.sogou.com", null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "query:query|qstring",          // real, www.nytimes.com.har: an ad template's placeholder
            "query:query|AAA",
            "json:$.search_term|{searchTerms}",
            "form:keyword|%s",
            "query:query|[query]",
            "json:$.searchQuery|search"})
    void placeholdersAreNoSearches(String step, String text) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, text), true, "api.shop-analytics.example", null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"https://www.google.com/search?q=%7BsearchTerms%7D", "https://www.bing.com/search?q=AAA"})
    void aResultPageOfAPlaceholderIsNoSearch(String url) {
        assertThat(detector.detect(NodeView.of(Leaves.query("dl", url), true, "www.google-analytics.com", null))).isEmpty();
    }
}
