package org.telltale.testkit.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * AppsFlyer's Android SDK, in its plain (unencrypted) form: a JSON POST to
 * /api/v*&#47;androidevent with {@code advertiserId}, {@code imei}, {@code android_id}, and the
 * in-app event's values as a JSON string inside the JSON ({@code eventValue}).
 */
final class AppsFlyerSdk implements SdkFormat {
    @Override
    public String name() {
        return "appsflyer";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.ADVERTISING_ID || type == CanaryType.IMEI || type == CanaryType.ANDROID_ID
                || type == CanaryType.TEXT;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        ObjectNode body = Json.object();
        body.put("advertiserId", SdkFormat.valueFor(canary, CanaryType.ADVERTISING_ID, r));
        body.put("advertiserIdEnabled", "true");
        body.put("imei", SdkFormat.valueFor(canary, CanaryType.IMEI, r));
        body.put("android_id", SdkFormat.valueFor(canary, CanaryType.ANDROID_ID, r));
        body.put("deviceType", "user").put("model", "SM-G973F").put("brand", "samsung");
        body.put("af_timestamp", Long.toString(1587460000000L + r.nextInt(1_000_000)));
        body.put("appsflyerKey", CanaryValues.hex(r, 22));
        body.put("counter", Integer.toString(1 + r.nextInt(30)));
        body.put("eventName", "af_content_view");
        String content = canary.type() == CanaryType.TEXT ? canary.value() : "sku-" + CanaryValues.digits(r, 6);
        body.put("eventValue", Json.write(Json.object().put("af_content_id", content).put("af_currency", "EUR")));

        List<Step> chain = switch (canary.type()) {
            case ADVERTISING_ID -> List.of(Step.of(Step.BODY), Step.of(Step.JSON, "/advertiserId"));
            case IMEI -> List.of(Step.of(Step.BODY), Step.of(Step.JSON, "/imei"));
            case ANDROID_ID -> List.of(Step.of(Step.BODY), Step.of(Step.JSON, "/android_id"));
            default -> List.of(Step.of(Step.BODY), Step.of(Step.JSON, "/eventValue"),
                    Step.of(Step.JSON, "/af_content_id"));
        };
        return new Planted("POST", "https://launches.appsflyer.com/api/v6.3/androidevent?app_id=com.example.game"
                + "&buildnumber=6.3.2",
                List.of(new Header("Content-Type", "application/json")),
                Codecs.utf8(Json.write(body)), chain, name());
    }
}
