package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * Google Analytics 4 from gtag.js: a POST to /g/collect with an empty body and the event in the
 * query: v=2, tid (G-...), cid, en=page_view, dl (page URL), dt (title), dr (referrer).
 */
final class GoogleAnalytics4 implements SdkFormat {
    @Override
    public String name() {
        return "ga4";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.URL || type == CanaryType.SEARCH || type == CanaryType.TEXT;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        String page = canary.type() == CanaryType.TEXT ? CanaryValues.of(CanaryType.URL, r) : SdkFormat.pageUrl(canary);
        String title = canary.type() == CanaryType.TEXT ? canary.value() : "Home";
        String query = new Form().add("v", "2").add("tid", "G-" + CanaryValues.hex(r, 10).toUpperCase(java.util.Locale.ROOT))
                .add("gtm", "45je0430").add("_p", Integer.toString(r.nextInt(1 << 30)))
                .add("cid", r.nextInt(1 << 30) + "." + (1587400000 + r.nextInt(100000))).add("ul", "en-us")
                .add("sr", "412x915").add("_s", "1").add("sid", Integer.toString(1587400000 + r.nextInt(100000)))
                .add("sct", "1").add("seg", "0").add("dl", page).add("dt", title).add("en", "page_view")
                .toString();
        List<Step> chain = switch (canary.type()) {
            case URL -> List.of(Step.of(Step.URL), Step.of(Step.QUERY, "dl"));
            case SEARCH -> List.of(Step.of(Step.URL), Step.of(Step.QUERY, "dl"), Step.of(Step.QUERY, "q"));
            default -> List.of(Step.of(Step.URL), Step.of(Step.QUERY, "dt"));
        };
        return new Planted("POST", "https://region1.google-analytics.com/g/collect?" + query,
                List.of(new Header("Content-Type", "text/plain;charset=UTF-8"),
                        new Header("User-Agent", "Mozilla/5.0 (Linux; Android 10) Chrome/114.0 Mobile")),
                null, chain, name());
    }
}
