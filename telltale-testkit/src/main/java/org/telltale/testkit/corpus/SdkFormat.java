package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;

/**
 * One tracking SDK's wire format, written from the public description of that format. Each
 * request carries one canary where the SDK would put a value of its type; the SDK's other fields
 * get fresh values that belong to no canary.
 */
public interface SdkFormat {
    /** Every SDK format the corpus knows, in a fixed order so a seed always means the same corpus. */
    List<SdkFormat> ALL = List.of(new SensorsAnalytics(), new GoogleAnalyticsV1(), new GoogleAnalytics4(),
            new FirebaseMeasurement(), new FacebookAppEvents(), new AdjustSdk(), new AppsFlyerSdk(),
            new UmengSdk(), new SentryEnvelope());

    /** A short name used as the carrier in the truth ("sensors"). */
    String name();

    /** Whether the SDK sends values of this type. */
    boolean carries(CanaryType type);

    /** A request of this SDK carrying the canary; only called for types it carries. */
    Planted plant(Canary canary, Random random);

    /** The canary's value for a field of its type; a fresh unrelated value for any other field. */
    static String valueFor(Canary canary, CanaryType field, Random random) {
        return canary.type() == field ? canary.value() : CanaryValues.of(field, random);
    }

    /** For a search canary, the search URL on its engine; otherwise the value itself. */
    static String pageUrl(Canary canary) {
        return canary.type() == CanaryType.SEARCH
                ? Sites.searchUrl(canary.expected().get(0), canary.value())
                : canary.value();
    }
}
