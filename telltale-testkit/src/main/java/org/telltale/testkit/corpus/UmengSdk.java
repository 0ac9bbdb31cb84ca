package org.telltale.testkit.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * An Umeng-like analytics upload: a POST whose body is gzip of a JSON envelope, compressed by the
 * SDK itself (no Content-Encoding header), with device identifiers in its header object: IMEI,
 * Wi-Fi MAC ({@code mc}) and Android id.
 */
final class UmengSdk implements SdkFormat {
    @Override
    public String name() {
        return "umeng";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.IMEI || type == CanaryType.MAC || type == CanaryType.ANDROID_ID;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        ObjectNode envelope = Json.object();
        ObjectNode header = envelope.putObject("header");
        header.put("appkey", CanaryValues.hex(r, 24)).put("sdk_version", "9.1.0").put("os", "Android")
                .put("os_version", "10").put("device_model", "Redmi Note 8");
        header.put("imei", SdkFormat.valueFor(canary, CanaryType.IMEI, r));
        header.put("mc", SdkFormat.valueFor(canary, CanaryType.MAC, r));
        header.put("android_id", SdkFormat.valueFor(canary, CanaryType.ANDROID_ID, r));
        ObjectNode session = envelope.putObject("content").putObject("analytics").putArray("sessions").addObject();
        session.put("id", CanaryValues.hex(r, 32)).put("start_time", 1587460000000L + r.nextInt(1_000_000));
        session.putArray("pages").addObject().put("page_name", "MainActivity").put("duration", r.nextInt(60000));
        byte[] body = Codecs.gzip(Codecs.utf8(Json.write(envelope)));

        String field = switch (canary.type()) {
            case IMEI -> "/header/imei";
            case MAC -> "/header/mc";
            default -> "/header/android_id";
        };
        return new Planted("POST", "https://ulogs.umeng.com/unify_logs",
                List.of(new Header("Content-Type", "envelope/json"), new Header("Msg-Type", "envelope/json")),
                body, List.of(Step.of(Step.BODY), Step.of(Step.GZIP), Step.of(Step.JSON, field)), name());
    }
}
