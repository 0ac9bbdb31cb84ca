package org.telltale.testkit.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Header;

/** Short sequences of flows that tell one story each: a visit, a leak, a trap. */
final class Scenes {
    private static final String UA = "Mozilla/5.0 (Linux; Android 10; Pixel 3a) AppleWebKit/537.36 Chrome/81.0 Mobile";
    private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Random r;

    Scenes(Random r) {
        this.r = r;
    }

    /**
     * The user opens a url canary, or searches for a search canary on its engine: the page and
     * same-site requests with it as Referer. All allowed: each is an expected row.
     */
    List<Draft> visit(Canary c) {
        List<Draft> out = new ArrayList<>();
        String page = SdkFormat.pageUrl(c);
        boolean search = c.type() == CanaryType.SEARCH;
        List<Step> inUrl = search ? List.of(Step.of(Step.URL), Step.of(Step.QUERY, "q")) : List.of(Step.of(Step.URL));
        List<Step> inReferer = search
                ? List.of(Step.of(Step.HEADER, "Referer"), Step.of(Step.QUERY, "q"))
                : List.of(Step.of(Step.HEADER, "Referer"));
        Planted visit = new Planted("GET", page, List.of(new Header("User-Agent", UA),
                new Header("Accept", "text/html")), null, inUrl, "visit");
        out.add(new Draft("visit " + c.id(), visit, "text/html; charset=utf-8",
                "<!doctype html><html><head><title>Page</title></head><body><p>Hello</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8),
                List.of(new Draft.Row(c.id(), Verdict.EXPECTED, "visit", inUrl)), null));
        String host = Sites.host(page);
        String sameSite = search ? Sites.origin(page)
                : "https://" + (r.nextBoolean() ? host : "static." + host.substring(host.indexOf('.') + 1));
        for (int i = 1 + r.nextInt(2); i > 0; i--) {
            String asset = sameSite + "/assets/app-" + CanaryValues.hex(r, 8) + (r.nextBoolean() ? ".js" : ".css");
            Planted sub = new Planted("GET", asset, List.of(new Header("User-Agent", UA), new Header("Referer", page)),
                    null, inReferer, "same-site");
            out.add(new Draft("same-site request of " + c.id(), sub, "text/css", OK,
                    List.of(new Draft.Row(c.id(), Verdict.EXPECTED, "same-site", inReferer)), null));
        }
        if (!search && r.nextBoolean()) {
            List<Step> inBody = List.of(Step.of(Step.BODY), Step.of(Step.JSON, "/page"));
            String body = Json.write(Json.object().put("event", "view").put("page", page));
            Planted beacon = new Planted("POST", "https://" + host + "/api/track",
                    List.of(new Header("User-Agent", UA), new Header("Content-Type", "application/json")),
                    body.getBytes(StandardCharsets.UTF_8), inBody, "same-site");
            out.add(new Draft("first-party beacon of " + c.id(), beacon, "application/json", OK,
                    List.of(new Draft.Row(c.id(), Verdict.EXPECTED, "same-site", inBody)), null));
        }
        return out;
    }

    /** The canary goes to a third party: by Referer, by a tracking SDK, or under a random chain. */
    Draft leak(Canary c) {
        List<SdkFormat> sdks = SdkFormat.ALL.stream().filter(s -> s.carries(c.type())).toList();
        boolean page = c.type() == CanaryType.URL || c.type() == CanaryType.SEARCH;
        int roll = r.nextInt(page ? 3 : 2);
        Planted planted;
        if (page && roll == 2) {
            planted = referer(c);
        } else if (roll == 1 && !sdks.isEmpty()) {
            planted = Sites.pick(r, sdks).plant(c, r);
        } else {
            planted = RandomChain.plant(c, r);
        }
        return new Draft("leak of " + c.id() + " via " + planted.carrier(), planted, "image/gif", GIF,
                List.of(new Draft.Row(c.id(), Verdict.LEAK, planted.carrier(), planted.chain())), null);
    }

    private Planted referer(Canary c) {
        String pixel = "https://" + Sites.pick(r, Sites.COLLECTORS) + "/pixel.gif?" + new Form().add("e", "pv")
                .add("rnd", CanaryValues.digits(r, 9));
        List<Step> chain = c.type() == CanaryType.SEARCH
                ? List.of(Step.of(Step.HEADER, "Referer"), Step.of(Step.QUERY, "q"))
                : List.of(Step.of(Step.HEADER, "Referer"));
        return new Planted("GET", pixel, List.of(new Header("User-Agent", UA),
                new Header("Referer", SdkFormat.pageUrl(c))), null, chain, "referer");
    }

    /** A flow that looks like a leak of the canary and is not one. */
    Draft decoy(String kind, Canary c) {
        String value = switch (kind) {
            case Decoy.NEAR_MISS -> CanaryValues.nearMiss(c.value(), r);
            case Decoy.PREFIX -> CanaryValues.prefix(c.value(), r);
            case Decoy.RANDOM_BASE64 -> randomBase64(Codecs.base64("std", Codecs.utf8(c.value())).length());
            case Decoy.RANDOM_HEX -> CanaryValues.hex(r, Sites.pick(r, List.of(32, 40, 64)));
            default -> kind.equals(Decoy.RESPONSE_ECHO) ? c.value() : CanaryValues.of(c.type(), r);
        };
        Draft.Trap trap = new Draft.Trap(kind, c.id(), value);
        String collector = "https://" + Sites.pick(r, Sites.COLLECTORS);
        if (kind.equals(Decoy.RESPONSE_ECHO)) {
            Planted config = new Planted("GET", collector + "/v2/config?" + new Form().add("app", "com.example.notes")
                    .add("build", CanaryValues.digits(r, 3)), List.of(new Header("User-Agent", "okhttp/3.12.1")),
                    null, List.of(), "decoy");
            String body = Json.write(Json.object().put("ok", true).put(c.type().id(), value)
                    .put("b64", Codecs.base64("std", Codecs.utf8(value))));
            return new Draft("decoy " + kind + " of " + c.id(), config, "application/json",
                    body.getBytes(StandardCharsets.UTF_8), List.of(), trap);
        }
        String field = switch (kind) {
            case Decoy.RANDOM_BASE64 -> "token";
            case Decoy.RANDOM_HEX -> "sig";
            default -> c.type().id();
        };
        Planted plain = switch (r.nextInt(3)) {
            case 0 -> new Planted("GET", collector + "/v1/e?" + new Form().add("ev", "open").add(field, value),
                    List.of(new Header("User-Agent", "okhttp/3.12.1")), null, List.of(), "decoy");
            case 1 -> new Planted("POST", collector + "/v1/e", List.of(new Header("User-Agent", "okhttp/3.12.1"),
                    new Header("Content-Type", "application/x-www-form-urlencoded")),
                    Codecs.utf8(new Form().add("ev", "open").add(field, value).toString()), List.of(), "decoy");
            default -> new Planted("POST", collector + "/v1/e", List.of(new Header("User-Agent", "okhttp/3.12.1"),
                    new Header("Content-Type", "application/json")),
                    Codecs.utf8(Json.write(Json.object().put("ev", "open").put(field, value))), List.of(), "decoy");
        };
        return new Draft("decoy " + kind + " of " + c.id(), plain, "application/json", OK, List.of(), trap);
    }

    private String randomBase64(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(BASE64_ALPHABET.charAt(r.nextInt(BASE64_ALPHABET.length())));
        }
        return out.toString();
    }
}
