package org.telltale.testkit.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/**
 * Sentry's Android SDK, from Sentry's public envelope documentation: a POST to
 * /api/PROJECT/envelope/ whose body is JSON lines, an envelope header, an item header
 * ({@code {"type":"event","length":N}}) and the event, whose {@code user} holds the e-mail address
 * and id the app set (here the Android id) and whose breadcrumbs carry what the user typed.
 */
final class SentryEnvelope implements SdkFormat {
    @Override
    public String name() {
        return "sentry";
    }

    @Override
    public boolean carries(CanaryType type) {
        return type == CanaryType.EMAIL || type == CanaryType.ANDROID_ID || type == CanaryType.TEXT;
    }

    @Override
    public Planted plant(Canary canary, Random r) {
        String eventId = CanaryValues.hex(r, 32);
        ObjectNode header = Json.object().put("event_id", eventId)
                .put("dsn", "https://" + CanaryValues.hex(r, 32) + "@o" + CanaryValues.digits(r, 6)
                        + ".ingest.sentry.io/" + CanaryValues.digits(r, 7))
                .put("sent_at", "2020-04-21T09:1" + r.nextInt(10) + ":00.000Z");
        header.putObject("sdk").put("name", "sentry.java.android").put("version", "6.4.1");
        ObjectNode event = Json.object().put("event_id", eventId).put("level", "error").put("platform", "java");
        event.putObject("user").put("id", SdkFormat.valueFor(canary, CanaryType.ANDROID_ID, r))
                .put("email", SdkFormat.valueFor(canary, CanaryType.EMAIL, r));
        event.putObject("contexts").putObject("device").put("model", "Pixel 3a").put("manufacturer", "Google");
        String typed = canary.type() == CanaryType.TEXT ? canary.value() : "hello";
        event.putArray("breadcrumbs").addObject().put("category", "ui.input").put("message", typed);
        String payload = Json.write(event);
        String body = Json.write(header) + "\n"
                + Json.write(Json.object().put("type", "event").put("length", Codecs.utf8(payload).length)) + "\n"
                + payload + "\n";
        String field = switch (canary.type()) {
            case EMAIL -> "/user/email";
            case ANDROID_ID -> "/user/id";
            default -> "/breadcrumbs/0/message";
        };
        return new Planted("POST", "https://o" + CanaryValues.digits(r, 6) + ".ingest.sentry.io/api/"
                + CanaryValues.digits(r, 7) + "/envelope/",
                List.of(new Header("Content-Type", "application/x-sentry-envelope"),
                        new Header("User-Agent", "sentry.java.android/6.4.1")),
                Codecs.utf8(body), List.of(Step.of(Step.BODY), Step.of(Step.JSONL, "2"), Step.of(Step.JSON, field)),
                name());
    }
}
