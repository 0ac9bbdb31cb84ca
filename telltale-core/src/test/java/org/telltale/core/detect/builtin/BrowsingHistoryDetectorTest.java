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

class BrowsingHistoryDetectorTest {
    private final BrowsingHistoryDetector detector = new BrowsingHistoryDetector();

    @Test
    void pageAddressInAnalyticsDocumentLocationIsHigh() {
        // Real: www.nytimes.com.har, the Google Analytics hit carries dl=http://www.nytimes.com/
        Payload node = Leaves.query("dl", "http://www.nytimes.com/");
        assertThat(detector.detect(NodeView.of(node, true, "www.google-analytics.com", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence, Detection::transform)
                .containsExactly(tuple("browsing_history", "http://www.nytimes.com/", Confidence.HIGH, "plain"));
    }

    @Test
    void refererHeaderSentToAnotherSiteIsHigh() {
        // Real: firefox.har, mitmproxy.org learns the user came from Google.
        Payload node = Leaves.header("Referer", "https://www.google.com/");
        assertThat(detector.detect(NodeView.of(node, true, "mitmproxy.org", null)))
                .extracting(Detection::value, Detection::confidence)
                .containsExactly(tuple("https://www.google.com/", Confidence.HIGH));
    }

    @Test
    void pageAddressUnderAnOpaqueFieldNameIsMedium() {
        // Real: www.nytimes.com.har, comScore's c7 parameter.
        assertThat(detector.detect(NodeView.of(Leaves.query("c7", "http://www.nytimes.com/"), true, "b.scorecardresearch.com", null)))
                .extracting(Detection::confidence).containsExactly(Confidence.MEDIUM);
    }

    @Test
    void percentEncodedPageAddressIsDecoded() {
        Payload node = Leaves.json("$.context.page", "https%3A%2F%2Fwww.expressen.se%2Fnyheter%2Fsjukvard%2F");
        assertThat(detector.detect(NodeView.of(node, true, "api.segment.io", null)))
                .extracting(Detection::value, Detection::transform)
                .containsExactly(tuple("https://www.expressen.se/nyheter/sjukvard/", "url-encoded"));
    }

    @Test
    void pageAddressInAJsonReferrerFieldOfARealBeaconIsHigh() {
        // Real: postdata.har, an ad-metrics POST body.
        Payload node = Leaves.json("$.metadata.referrer", "https://www.google.com/");
        assertThat(detector.detect(NodeView.of(node, true, "signal-metrics-collector-beta.s-onetag.com", null)))
                .extracting(Detection::confidence).containsExactly(Confidence.HIGH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "query:url|https://www.expressen.se/nyheter/|www.expressen.se",       // the site itself
            "query:url|https://www.expressen.se/nyheter/|api.expressen.se",       // same registrable domain
            "query:u|https://static01.nyt.com/js/app.js|www.google-analytics.com", // a script, not a page
            "query:u|https://www.nytimes.com/logo.PNG|www.google-analytics.com",
            "query:credir|https://simage2.pubmatic.com/AdServer/Pug?vcode=bz0y|id.rlcdn.com", // real: a redirect
            "query:url|see https://www.nytimes.com/ now|www.google-analytics.com",  // not one whole URL
            "query:url|ftp://files.example.org/x|www.google-analytics.com",
            "query:url|https:///nohost|www.google-analytics.com"})
    void addressesThatAreNotAnotherSitesPageAreNotReported(String step, String url, String destination) {
        assertThat(detector.detect(NodeView.of(Leaves.body(step, url), true, destination, null))).isEmpty();
    }

    @Test
    void theRequestUrlItselfIsNotBrowsingHistory() {
        Payload url = Payload.root("request.url", Leaves.bytes("https://www.nytimes.com/"), null, null);
        assertThat(detector.detect(NodeView.of(url, false, "www.google-analytics.com", null))).isEmpty();
    }

    @Test
    void otherHeadersThanRefererAreNotBrowsingHistory() {
        // Origin names the site only, and is sent by the browser on every cross-site call.
        Payload origin = Leaves.header("Origin", "https://www.nytimes.com");
        assertThat(detector.detect(NodeView.of(origin, true, "www.google-analytics.com", null))).isEmpty();
    }

    @Test
    void aPercentEncodedAddressThatADecoderPeelsIsLeftToItsPlainChild() {
        Payload encoded = Leaves.query("u", "https%3A%2F%2Fwww.expressen.se%2F");
        assertThat(detector.detect(NodeView.of(encoded, false, "www.google-analytics.com", null))).isEmpty();
        Payload decoded = org.telltale.core.TestNodes.payload("request.url", java.util.List.of("query:u", "percent"),
                Leaves.bytes("https://www.expressen.se/"), null, null);
        assertThat(detector.detect(NodeView.of(decoded, true, "www.google-analytics.com", null)))
                .extracting(Detection::transform, Detection::confidence)
                .containsExactly(tuple("plain", Confidence.HIGH));
    }

    @Test
    void anAddressInACookieOfTheCookieHeaderIsSent() {
        Payload cookie = org.telltale.core.TestNodes.payload("request.header:Cookie", java.util.List.of("form:last_page"),
                Leaves.bytes("https://www.expressen.se/nyheter/"), null, null);
        assertThat(detector.detect(NodeView.of(cookie, true, "ads.tracker.example", null))).hasSize(1);
    }

    @Test
    void anAddressIsFoundEvenWhenADecoderPeelsItFurther() {
        Payload node = Leaves.header("Referer", "https://www.nytimes.com/section/world?page=2");
        assertThat(detector.detect(NodeView.of(node, false, "www.google-analytics.com", null))).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Real, nDPI http_ua_splitted_in_two_pkts.pcapng: StartApp's click report names the ad's landing page.
            "lu|http://rd.gospace.site/?utm_medium=193e70e6e339284e3d12382a5cc79616a7219f96&utm_campaign=apr&cid=206568151",
            "x|https://shop.example/sale?utm_source=adnet&utm_campaign=spring",     // a campaign's tagged landing page
            "x|https://www.shop.example/p/1?gclid=EAIaIQobChMI",                    // an ad click's landing page
            "x|https://ad.tracker.example/px?u=https%3A%2F%2Fother.tracker.example%2Fsync", // a beacon chain
            "x|https://cdn.example.com/player/player.swf",                           // static files are no pages
            "x|https://cdn.example.com/app.js?v=3",
            "x|https://fonts.example.com/a.woff2",
            "x|https://cdn.example.com/config.xml",
            "endpoint|https://api.example.com/v2/",                                  // a setting, not a page
            "image|https://img.example.com/header",
            "clickurl|https://www.shop.example/sale"})
    void addressesThatAreNoVisitAreNotReported(String field, String url) {
        assertThat(detector.detect(NodeView.of(Leaves.query(field, url), true, "ads.tracker.example", null))).isEmpty();
    }

    @Test
    void aPageTaggedWithACampaignIsStillHistoryUnderAPageFieldName() {
        // The page a person reached from an ad is a page they visited, and dl says so.
        Payload node = Leaves.query("dl", "https://www.shop.example/sale?utm_source=adnet&utm_campaign=spring");
        assertThat(detector.detect(NodeView.of(node, true, "www.google-analytics.com", null)))
                .extracting(Detection::confidence).containsExactly(Confidence.HIGH);
    }

    @Test
    void aCookieHoldingAnAddressUnderANameOfNoVisitIsASetting() {
        Payload setting = Leaves.cookie("cfg_api", "https://api.partner.example/");
        assertThat(detector.detect(NodeView.of(setting, true, "www.site.example", null))).isEmpty();
        Payload visit = Leaves.cookie("lastVisited", "https://www.expressen.se/nyheter/");
        assertThat(detector.detect(NodeView.of(visit, true, "ads.tracker.example", null)))
                .extracting(Detection::confidence).containsExactly(Confidence.MEDIUM);
    }

    @ParameterizedTest
    @CsvSource({
            // Real, www.nytimes.com.har: a request made inside the paper's own ad frame.
            "http://www.nytimes.com/ads/remnant/networkredirect-AdSenseHPBreak_Backup.html",
            // Real, expressen.har: Google's SafeFrame container.
            "https://tpc.googlesyndication.com/safeframe/1-0-14/html/container.html"})
    void theRefererOfARequestMadeInsideAnAdFrameIsNoPageTheUserOpened(String url) {
        assertThat(detector.detect(NodeView.of(Leaves.header("Referer", url), true, "s0.2mdn.net", null))).isEmpty();
    }

    @Test
    void aPageNamedAdsIsStillAPage() {
        // Only a folder named ads marks an ad's document; a page whose own name is ads is a page.
        assertThat(detector.detect(NodeView.of(Leaves.header("Referer", "https://www.example.se/ads"), true,
                "s0.2mdn.net", null))).hasSize(1);
    }
}
