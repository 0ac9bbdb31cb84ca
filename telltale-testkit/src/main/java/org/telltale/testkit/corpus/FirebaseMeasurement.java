package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * Firebase Analytics (app-measurement.com/a): a protobuf batch of bundles, each with the device's
 * identifiers and a list of events, each event a name and string or integer parameters. The field
 * numbers here follow that layout but are this corpus's own; a schema-less decoder needs none.
 * Bundle: 2 events, 8 os, 10 model, 14 app id, 19 advertising id. Event: 1 params, 2 name.
 * Param: 1 name, 2 string value, 3 integer value.
 */
final class FirebaseMeasurement implements SdkFormat {
    @Override
    public String name() {
        return "firebase";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.ADVERTISING_ID || type == CanaryType.SEARCH || type == CanaryType.TEXT;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        ProtoWriter bundle = new ProtoWriter().varint(1, 1);
        bundle.message(2, event("_s", new ProtoWriter().string(1, "_o").string(2, "auto")));
        String eventName = canary.type() == CanaryType.SEARCH ? "search" : "select_content";
        String paramName = canary.type() == CanaryType.SEARCH ? "search_term" : "item_id";
        String paramValue = canary.type() == CanaryType.ADVERTISING_ID ? "item-" + CanaryValues.digits(r, 5)
                : canary.value();
        bundle.message(2, event(eventName, new ProtoWriter().string(1, paramName).string(2, paramValue)));
        bundle.varint(5, 1587460000000L + r.nextInt(1_000_000));
        bundle.string(8, "android").string(9, "10").string(10, "Pixel 3a").string(14, "com.example.notes")
                .string(16, "3.2.1").string(19, SdkFormat.valueFor(canary, CanaryType.ADVERTISING_ID, r))
                .string(21, CanaryValues.hex(r, 32));
        byte[] body = new ProtoWriter().message(1, bundle).toByteArray();

        List<Step> chain = canary.type() == CanaryType.ADVERTISING_ID
                ? List.of(Step.of(Step.BODY), Step.of(Step.PROTOBUF, "1.19"))
                : List.of(Step.of(Step.BODY), Step.of(Step.PROTOBUF, "1.2.1.2"));
        return new Planted("POST", "https://app-measurement.com/a",
                List.of(new Header("Content-Type", "application/x-protobuf"),
                        new Header("User-Agent", "Dalvik/2.1.0 (Linux; U; Android 10; Pixel 3a)")),
                body, chain, name());
    }

    private static ProtoWriter event(String name, ProtoWriter param) {
        return new ProtoWriter().message(1, param).string(2, name).varint(3, 1587460000000L);
    }
}
