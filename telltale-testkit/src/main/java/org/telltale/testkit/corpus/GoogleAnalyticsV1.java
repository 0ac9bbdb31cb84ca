package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * Google Analytics Measurement Protocol v1 (Universal Analytics): a GET to /collect whose query
 * holds the hit: v=1, tid (UA-...), cid, t=pageview, dl (the page URL), dp (its path), dt (title).
 */
final class GoogleAnalyticsV1 implements SdkFormat {
    @Override
    public String name() {
        return "ga-v1";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.URL || type == CanaryType.SEARCH || type == CanaryType.TEXT;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        String page = canary.type() == CanaryType.TEXT ? CanaryValues.of(CanaryType.URL, r) : SdkFormat.pageUrl(canary);
        String title = canary.type() == CanaryType.TEXT ? canary.value() : "Page";
        String query = new Form().add("v", "1").add("_v", "j83").add("a", Integer.toString(r.nextInt(1 << 30)))
                .add("t", "pageview").add("_s", "1").add("dl", page).add("dp", java.net.URI.create(page).getRawPath())
                .add("ul", "en-us").add("de", "UTF-8").add("dt", title).add("sd", "24-bit").add("sr", "1080x2340")
                .add("je", "0").add("cid", r.nextInt(1 << 30) + "." + (1587400000 + r.nextInt(100000)))
                .add("tid", "UA-" + CanaryValues.digits(r, 8) + "-1").add("z", Long.toString(r.nextLong() >>> 1))
                .toString();
        List<Step> chain = switch (canary.type()) {
            case URL -> List.of(Step.of(Step.URL), Step.of(Step.QUERY, "dl"));
            case SEARCH -> List.of(Step.of(Step.URL), Step.of(Step.QUERY, "dl"), Step.of(Step.QUERY, "q"));
            default -> List.of(Step.of(Step.URL), Step.of(Step.QUERY, "dt"));
        };
        return new Planted("GET", "https://www.google-analytics.com/collect?" + query,
                List.of(new Header("User-Agent", "Mozilla/5.0 (Linux; Android 10) Chrome/81.0.4044.117 Mobile")),
                null, chain, name());
    }
}
