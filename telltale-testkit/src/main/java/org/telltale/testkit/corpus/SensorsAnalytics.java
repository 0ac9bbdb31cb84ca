package org.telltale.testkit.corpus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * Sensors Analytics' Android SDK: a form POST whose {@code data_list} field is base64 of gzip of a
 * JSON array of events, with {@code gzip=1} and a {@code crc}. Mi Browser sent page views this
 * way in 2020, incognito ones included, with {@code $url} and {@code $title} in each event.
 */
final class SensorsAnalytics implements SdkFormat {
    @Override
    public String name() {
        return "sensors";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.URL || type == CanaryType.SEARCH || type == CanaryType.TEXT
                || type == CanaryType.ANDROID_ID;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        ArrayNode events = Json.array();
        String url = canary.type() == CanaryType.URL || canary.type() == CanaryType.SEARCH
                ? SdkFormat.pageUrl(canary) : CanaryValues.of(CanaryType.URL, r);
        String title = canary.type() == CanaryType.TEXT ? canary.value() : "Reading list";
        String deviceId = SdkFormat.valueFor(canary, CanaryType.ANDROID_ID, r);
        events.add(event(r, url, title, deviceId));
        for (int i = r.nextInt(3); i > 0; i--) {
            events.add(event(r, CanaryValues.of(CanaryType.URL, r), "Home", deviceId));
        }
        String json = Json.write(events);
        String dataList = Codecs.base64("std", Codecs.gzip(Codecs.utf8(json)));
        String body = new Form().add("crc", Integer.toString(dataList.hashCode())).add("gzip", "1")
                .add("data_list", dataList).toString();

        List<Step> chain = new ArrayList<>(List.of(Step.of(Step.BODY), Step.of(Step.FORM, "data_list"),
                Step.of(Step.BASE64, "std"), Step.of(Step.GZIP)));
        switch (canary.type()) {
            case URL -> chain.add(Step.of(Step.JSON, "/0/properties/$url"));
            case SEARCH -> {
                chain.add(Step.of(Step.JSON, "/0/properties/$url"));
                chain.add(Step.of(Step.QUERY, "q"));
            }
            case TEXT -> chain.add(Step.of(Step.JSON, "/0/properties/$title"));
            default -> chain.add(Step.of(Step.JSON, "/0/properties/$device_id"));
        }
        // The endpoint Mi Browser posted to, as reported in 2020.
        return new Planted("POST", "https://tracking.intl.miui.com/track?project=mibrowser",
                List.of(new Header("Content-Type", "application/x-www-form-urlencoded"),
                        new Header("User-Agent", "SensorsAnalytics Android SDK")),
                Codecs.utf8(body), chain, name());
    }

    private static ObjectNode event(Random r, String url, String title, String deviceId) {
        ObjectNode e = Json.object();
        e.put("_track_id", r.nextInt(Integer.MAX_VALUE));
        e.put("time", 1587460000000L + r.nextInt(1_000_000));
        e.put("type", "track");
        e.put("distinct_id", CanaryValues.of(CanaryType.ADVERTISING_ID, r));
        e.putObject("lib").put("$lib", "Android").put("$lib_version", "4.0.8").put("$lib_method", "code");
        e.put("event", "$AppViewScreen");
        ObjectNode p = e.putObject("properties");
        p.put("$os", "Android").put("$os_version", "10").put("$manufacturer", "Xiaomi").put("$model", "M2007J3SG");
        p.put("$app_version", "12.4.3").put("$wifi", true).put("$network_type", "WIFI");
        p.put("$screen_name", "com.android.browser.BrowserActivity");
        p.put("$title", title).put("$url", url).put("$device_id", deviceId);
        return e;
    }
}
