package org.telltale.testkit.corpus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.telltale.api.Canary;
import org.telltale.api.Header;

/**
 * Hides a canary under one to four random layers (JSON, form, JWT, percent-encoding, base64 in
 * four variants, hex, gzip, deflate, raw deflate, protobuf, gRPC frames, CBOR, MessagePack, XML,
 * JSON lines, Socket.IO packets; digests and other spellings innermost), then puts
 * the result in a random part of a request to a made-up collector: a query parameter, a form or
 * JSON body, the raw body, a custom header, a cookie, or a bearer token.
 */
final class RandomChain {
    private static final List<String> KEYS = List.of("q", "data", "payload", "u", "value", "d", "info", "ext", "p");
    private static final List<String> HEADERS = List.of("X-Device-Info", "X-Payload", "X-Ctx", "X-Sdk-Data");
    private static final List<String> BASE64 = List.of("std", "url", "unpadded", "mime");

    private final Random r;
    private final Deque<Step> steps = new ArrayDeque<>();
    private byte[] data;
    private boolean binary;
    private String lastLayer = "";

    private RandomChain(Random r, String value) {
        this.r = r;
        this.data = Codecs.utf8(value);
    }

    /** A request to a collector carrying the canary under a random chain of layers. */
    static Planted plant(Canary canary, Random r) {
        RandomChain chain = new RandomChain(r, canary.value());
        chain.respell(canary);
        for (int depth = 1 + r.nextInt(4); depth > 0; depth--) {
            chain.wrap();
        }
        return chain.place();
    }

    private void respell(Canary canary) {
        List<String> spellings = Spelling.forType(canary.type());
        int roll = r.nextInt(4);
        if (roll == 0 && CanaryValues.hashable(canary.type())) {
            String form = Sites.pick(r, HashForm.ALL);
            data = Codecs.utf8(HashForm.apply(form, canary.value()));
            steps.addFirst(Step.of(Step.HASH, form));
        } else if (roll == 1 && !spellings.isEmpty()) {
            String spelling = Sites.pick(r, spellings);
            data = Codecs.utf8(Spelling.apply(spelling, canary.value()));
            steps.addFirst(Step.of(Step.SPELLING, spelling));
        }
    }

    private void wrap() {
        List<String> choices = new ArrayList<>(List.of(Step.BASE64, Step.HEX, Step.GZIP, Step.DEFLATE, Step.PROTOBUF,
                Step.DEFLATE_RAW, Step.CBOR, Step.MSGPACK, Step.GRPC));
        if (lastLayer.equals(Step.DEFLATE_RAW)) {
            // Nobody deflates a raw deflate stream again, and Telltale does not stack one guess (no
            // magic number) on another.
            choices.remove(Step.DEFLATE_RAW);
        }
        if (!binary) {
            choices.addAll(List.of(Step.JSON, Step.FORM, Step.JWT, Step.XML, Step.JSONL, Step.SOCKETIO));
            if (Codecs.needsPercent(Codecs.text(data))) {
                choices.add(Step.PERCENT);
            }
        }
        String layer = Sites.pick(r, choices);
        String key = Sites.pick(r, KEYS);
        switch (layer) {
            case Step.BASE64 -> {
                String variant = Sites.pick(r, BASE64);
                text(Codecs.base64(variant, data), Step.of(Step.BASE64, variant));
            }
            case Step.HEX -> text(Codecs.hex(data), Step.of(Step.HEX));
            case Step.GZIP -> binary(Codecs.gzip(data), Step.of(Step.GZIP));
            case Step.DEFLATE -> binary(Codecs.deflate(data), Step.of(Step.DEFLATE));
            case Step.PROTOBUF -> binary(new ProtoWriter().varint(1, r.nextInt(1 << 20)).bytes(2, data)
                    .string(3, "v" + r.nextInt(9)).toByteArray(), Step.of(Step.PROTOBUF, "2"));
            case Step.JSON -> text(Json.write(Json.object().put("v", 2).put(key, Codecs.text(data))
                    .put("ts", 1587460000 + r.nextInt(100000))), Step.of(Step.JSON, "/" + key));
            case Step.FORM -> text(new Form().add("v", "2").add(key, Codecs.text(data))
                    .add("ts", Integer.toString(r.nextInt(100000))).toString(), Step.of(Step.FORM, key));
            case Step.PERCENT -> text(Codecs.percent(Codecs.text(data)), Step.of(Step.PERCENT));
            case Step.DEFLATE_RAW -> binary(Codecs.deflateRaw(data), Step.of(Step.DEFLATE_RAW));
            case Step.CBOR -> binary(Codecs.cbor(record(key)), Step.of(Step.CBOR, "/" + key));
            case Step.MSGPACK -> binary(Codecs.msgpack(record(key)), Step.of(Step.MSGPACK, "/" + key));
            case Step.GRPC -> {
                byte[] message = new ProtoWriter().varint(1, r.nextInt(1 << 20)).bytes(2, data)
                        .string(3, "v" + r.nextInt(9)).toByteArray();
                steps.addFirst(Step.of(Step.PROTOBUF, "2"));
                binary(Codecs.grpcFrame(message), Step.of(Step.GRPC, "0"));
            }
            case Step.XML -> {
                Map<String, String> elements = new LinkedHashMap<>();
                elements.put("v", "2");
                elements.put(key, Codecs.text(data));
                elements.put("ts", Integer.toString(1587460000 + r.nextInt(100000)));
                text(Codecs.xml("event", elements), Step.of(Step.XML, "/event/" + key));
            }
            case Step.JSONL -> {
                String lines = Json.write(Json.object().put("v", 2).put("sdk", "3.1")) + "\n"
                        + Json.write(Json.object().put(key, Codecs.text(data))) + "\n"
                        + Json.write(Json.object().put("ts", 1587460000 + r.nextInt(100000))) + "\n";
                steps.addFirst(Step.of(Step.JSON, "/" + key));
                text(lines, Step.of(Step.JSONL, "1"));
            }
            case Step.SOCKETIO -> {
                String packet = "42" + Json.write(Json.array().add("track").add(Codecs.text(data)));
                steps.addFirst(Step.of(Step.JSON, "/1"));
                text(packet, Step.of(Step.SOCKETIO));
            }
            default -> {
                text(Codecs.text(data), Step.of(Step.JSON, "/" + key));
                text(jwt(key), Step.of(Step.JWT));
            }
        }
        lastLayer = layer;
    }

    /** A small record around the value, as CBOR and MessagePack SDKs send one: a version, the value, a time. */
    private Map<String, Object> record(String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("v", 2);
        out.put(key, binary ? data : Codecs.text(data));
        out.put("ts", 1587460000 + r.nextInt(100000));
        return out;
    }

    private String jwt(String claim) {
        String header = Json.write(Json.object().put("alg", "HS256").put("typ", "JWT"));
        String payload = Json.write(Json.object().put("iss", "sdk").put("iat", 1587460000 + r.nextInt(100000))
                .put(claim, Codecs.text(data)));
        byte[] signature = new byte[32];
        r.nextBytes(signature);
        return Codecs.base64("url", Codecs.utf8(header)).replace("=", "") + "."
                + Codecs.base64("url", Codecs.utf8(payload)).replace("=", "") + "."
                + Codecs.base64("url", signature).replace("=", "");
    }

    private void text(String text, Step step) {
        data = Codecs.utf8(text);
        binary = false;
        steps.addFirst(step);
    }

    private void binary(byte[] bytes, Step step) {
        data = bytes;
        binary = true;
        steps.addFirst(step);
    }

    private Planted place() {
        String host = Sites.pick(r, Sites.COLLECTORS);
        String base = "https://" + host + "/v" + (1 + r.nextInt(3)) + "/" + Sites.pick(r, List.of("e", "collect", "log", "sync"));
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("User-Agent", "okhttp/3.12.1"));
        String key = Sites.pick(r, KEYS);
        if (binary) {
            headers.add(new Header("Content-Type", binaryType()));
            if (lastLayer.equals(Step.GZIP) && r.nextBoolean()) {
                headers.add(new Header("Content-Encoding", "gzip"));
            }
            return planted("POST", base, headers, data, Step.of(Step.BODY));
        }
        String text = Codecs.text(data);
        List<String> places = new ArrayList<>(List.of("query", "form", "json", "raw"));
        if (headerSafe(text)) {
            places.add("header");
            if (lastLayer.equals(Step.JWT)) {
                places.add("bearer");
            }
        }
        if (cookieSafe(text)) {
            places.add("cookie");
        }
        switch (Sites.pick(r, places)) {
            case "query" -> {
                String url = base + "?" + new Form().add("k", CanaryValues.hex(r, 8)).add(key, text);
                return planted("GET", url, headers, null, Step.of(Step.URL), Step.of(Step.QUERY, key));
            }
            case "form" -> {
                headers.add(new Header("Content-Type", "application/x-www-form-urlencoded"));
                String body = new Form().add("sdk", "3.1").add(key, text).toString();
                return planted("POST", base, headers, Codecs.utf8(body), Step.of(Step.BODY), Step.of(Step.FORM, key));
            }
            case "json" -> {
                headers.add(new Header("Content-Type", "application/json; charset=utf-8"));
                String body = Json.write(Json.object().put("sdk", "3.1").put(key, text));
                return planted("POST", base, headers, Codecs.utf8(body), Step.of(Step.BODY), Step.of(Step.JSON, "/" + key));
            }
            case "header" -> {
                String name = Sites.pick(r, HEADERS);
                headers.add(new Header(name, text));
                return planted("GET", base, headers, null, Step.of(Step.HEADER, name));
            }
            case "bearer" -> {
                headers.add(new Header("Authorization", "Bearer " + text));
                return planted("GET", base, headers, null, Step.of(Step.HEADER, "Authorization"));
            }
            case "cookie" -> {
                headers.add(new Header("Cookie", "sid=" + CanaryValues.hex(r, 16) + "; " + key + "=" + text
                        + "; lang=en"));
                return planted("GET", base, headers, null, Step.of(Step.COOKIE, key));
            }
            default -> {
                headers.add(new Header("Content-Type", "text/plain"));
                return planted("POST", base, headers, data, Step.of(Step.BODY));
            }
        }
    }

    /**
     * The Content-Type a binary body is sent with: its own, or application/octet-stream; protobuf
     * sometimes as application/x-www-form-urlencoded, as real SDKs declare it by mistake.
     */
    private String binaryType() {
        return switch (lastLayer) {
            case Step.PROTOBUF -> Sites.pick(r, List.of("application/x-protobuf", "application/x-protobuf",
                    "application/x-www-form-urlencoded"));
            case Step.CBOR -> Sites.pick(r, List.of("application/cbor", "application/octet-stream"));
            case Step.MSGPACK -> Sites.pick(r, List.of("application/x-msgpack", "application/octet-stream"));
            case Step.GRPC -> Sites.pick(r, List.of("application/grpc", "application/grpc-web+proto",
                    "application/octet-stream"));
            default -> "application/octet-stream";
        };
    }

    private Planted planted(String method, String url, List<Header> headers, byte[] body, Step... location) {
        List<Step> chain = new ArrayList<>(List.of(location));
        chain.addAll(steps);
        return new Planted(method, url, headers, body, chain, "chain");
    }

    /** Printable ASCII without leading or trailing blanks: a header value every HTTP stack passes on. */
    private static boolean headerSafe(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                && text.charAt(0) != ' ' && text.charAt(text.length() - 1) != ' ';
    }

    /** RFC 6265 cookie-octets; '=' is allowed inside a value. */
    private static boolean cookieSafe(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != ','
                && c != ';' && c != '\\');
    }
}
