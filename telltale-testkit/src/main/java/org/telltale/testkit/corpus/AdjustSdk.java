package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * Adjust's Android SDK: a form POST to app.adjust.com/session with the app token, the Google
 * advertising id in {@code gps_adid}, the Android id (older SDK versions) and device details.
 */
final class AdjustSdk implements SdkFormat {
    @Override
    public String name() {
        return "adjust";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.ADVERTISING_ID || type == CanaryType.ANDROID_ID;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        String body = new Form().add("app_token", CanaryValues.hex(r, 12))
                .add("gps_adid", SdkFormat.valueFor(canary, CanaryType.ADVERTISING_ID, r))
                .add("android_id", SdkFormat.valueFor(canary, CanaryType.ANDROID_ID, r))
                .add("created_at", "2020-04-21T09:1" + r.nextInt(10) + ":00.000Z+0000")
                .add("environment", "production").add("event_buffering_enabled", "0")
                .add("needs_response_details", "1").add("os_name", "android").add("os_version", "10")
                .add("device_type", "phone").add("device_manufacturer", "Xiaomi")
                .add("package_name", "com.example.game").add("session_count", Integer.toString(1 + r.nextInt(40)))
                .add("tracking_enabled", "1").toString();
        String field = canary.type() == CanaryType.ADVERTISING_ID ? "gps_adid" : "android_id";
        return new Planted("POST", "https://app.adjust.com/session",
                List.of(new Header("Content-Type", "application/x-www-form-urlencoded"),
                        new Header("Client-SDK", "android4.21.0")),
                Codecs.utf8(body), List.of(Step.of(Step.BODY), Step.of(Step.FORM, field)), name());
    }
}
