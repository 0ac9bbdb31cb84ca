package org.telltale.testkit.corpus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * The Facebook SDK's app events: a form POST to graph.facebook.com/{app}/activities with
 * event=CUSTOM_APP_EVENTS, the advertising id in {@code advertiser_id}, the events as a JSON
 * array in the {@code custom_events} field, and advanced-matching user data in {@code ud} as
 * JSON of SHA-256 hex digests of normalised values.
 */
final class FacebookAppEvents implements SdkFormat {
    @Override
    public String name() {
        return "facebook";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.ADVERTISING_ID || type == CanaryType.SEARCH || type == CanaryType.TEXT
                || type == CanaryType.EMAIL;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        ArrayNode events = Json.array();
        ObjectNode activate = events.addObject();
        activate.put("_eventName", "fb_mobile_activate_app").put("_logTime", 1587460000 + r.nextInt(100000));
        ObjectNode event = events.addObject();
        if (canary.type() == CanaryType.SEARCH) {
            event.put("_eventName", "fb_mobile_search").put("fb_search_string", canary.value());
        } else {
            event.put("_eventName", "fb_mobile_content_view").put("fb_content_type", "product")
                    .put("fb_description", canary.type() == CanaryType.TEXT ? canary.value() : "blue kettle");
        }
        event.put("_logTime", 1587460000 + r.nextInt(100000)).put("_ui", "unknown");
        String email = SdkFormat.valueFor(canary, CanaryType.EMAIL, r);
        String ud = Json.write(Json.object().put("em", HashForm.apply("sha256/hex", email)));
        String appId = CanaryValues.digits(r, 15);
        String body = new Form().add("format", "json").add("sdk", "android").add("event", "CUSTOM_APP_EVENTS")
                .add("advertiser_id", SdkFormat.valueFor(canary, CanaryType.ADVERTISING_ID, r))
                .add("advertiser_tracking_enabled", "1").add("application_tracking_enabled", "1")
                .add("anon_id", "XZ" + CanaryValues.of(CanaryType.ADVERTISING_ID, r))
                .add("application_package_name", "com.example.shop")
                .add("custom_events", Json.write(events)).add("ud", ud).toString();

        List<Step> chain = switch (canary.type()) {
            case ADVERTISING_ID -> List.of(Step.of(Step.BODY), Step.of(Step.FORM, "advertiser_id"));
            case SEARCH -> List.of(Step.of(Step.BODY), Step.of(Step.FORM, "custom_events"),
                    Step.of(Step.JSON, "/1/fb_search_string"));
            case TEXT -> List.of(Step.of(Step.BODY), Step.of(Step.FORM, "custom_events"),
                    Step.of(Step.JSON, "/1/fb_description"));
            default -> List.of(Step.of(Step.BODY), Step.of(Step.FORM, "ud"), Step.of(Step.JSON, "/em"),
                    Step.of(Step.HASH, "sha256/hex"));
        };
        return new Planted("POST", "https://graph.facebook.com/v9.0/" + appId + "/activities",
                List.of(new Header("Content-Type", "application/x-www-form-urlencoded"),
                        new Header("User-Agent", "FBAndroidSDK.9.0.0")),
                Codecs.utf8(body), chain, name());
    }
}
