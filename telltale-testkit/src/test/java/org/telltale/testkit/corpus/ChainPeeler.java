package org.telltale.testkit.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Follows a truth chain down a request with the JDK and Jackson only, independent of Telltale's
 * decoders and of the corpus's encoders: the oracle that says a chain is really there.
 */
final class ChainPeeler {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper CBOR = new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper();

    /** A request as read back: URL, headers as name/value pairs, body bytes. */
    record Req(String url, List<String[]> headers, byte[] body) {
        static Req fromHar(JsonNode request) {
            List<String[]> headers = new ArrayList<>();
            for (JsonNode h : request.path("headers")) {
                headers.add(new String[] {h.path("name").asText(), h.path("value").asText()});
            }
            JsonNode post = request.path("postData");
            byte[] body = new byte[0];
            if (post.has("text")) {
                String text = post.path("text").asText();
                body = "base64".equals(post.path("encoding").asText())
                        ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
            }
            return new Req(request.path("url").asText(), headers, body);
        }

        static Req fromPlanted(Planted p) {
            List<String[]> headers = new ArrayList<>();
            p.headers().forEach(h -> headers.add(new String[] {h.name(), h.value()}));
            return new Req(p.url(), headers, p.body());
        }

        /** Everything that left the device, as Latin-1 text so every byte maps to one char. */
        String allText() {
            StringBuilder out = new StringBuilder(url).append('\n');
            headers.forEach(h -> out.append(h[0]).append(": ").append(h[1]).append('\n'));
            return out.append(new String(body, StandardCharsets.ISO_8859_1)).toString();
        }
    }

    private ChainPeeler() {
    }

    /** Whether the canary value is found at the end of the chain in the request. */
    static boolean leadsTo(Req req, List<Step> chain, String value) {
        Step last = chain.get(chain.size() - 1);
        boolean transformed = last.kind().equals(Step.HASH) || last.kind().equals(Step.SPELLING);
        List<byte[]> found = peel(req, transformed ? chain.subList(0, chain.size() - 1) : chain);
        for (byte[] candidate : found) {
            String text = new String(candidate, StandardCharsets.UTF_8);
            if (last.kind().equals(Step.HASH) ? text.equals(digest(last.arg(), value))
                    : text.contains(last.kind().equals(Step.SPELLING) ? spell(last.arg(), value) : value)) {
                return true;
            }
        }
        return false;
    }

    /** Every byte string the chain reaches (a step may match several places). */
    static List<byte[]> peel(Req req, List<Step> chain) {
        List<byte[]> current = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            Step step = chain.get(i);
            List<byte[]> next = new ArrayList<>();
            if (i == 0) {
                start(req, step, next);
            } else {
                for (byte[] in : current) {
                    inner(step, in, next);
                }
            }
            current = next;
        }
        return current;
    }

    private static void start(Req req, Step step, List<byte[]> out) {
        switch (step.kind()) {
            case Step.URL -> out.add(utf8(req.url()));
            case Step.BODY -> out.add(req.body());
            case Step.HEADER -> req.headers().stream().filter(h -> h[0].equalsIgnoreCase(step.arg()))
                    .forEach(h -> out.add(utf8(h[1])));
            case Step.COOKIE -> req.headers().stream().filter(h -> h[0].equalsIgnoreCase("Cookie"))
                    .forEach(h -> {
                        for (String part : h[1].split(";")) {
                            String p = part.trim();
                            if (p.startsWith(step.arg() + "=")) {
                                out.add(utf8(p.substring(step.arg().length() + 1)));
                            }
                        }
                    });
            default -> throw new IllegalArgumentException("a chain cannot start with " + step);
        }
    }

    private static void inner(Step step, byte[] in, List<byte[]> out) {
        String text = new String(in, StandardCharsets.UTF_8);
        try {
            switch (step.kind()) {
                case Step.QUERY -> {
                    int q = text.indexOf('?');
                    String query = q < 0 ? text : text.substring(q + 1);
                    int hash = query.indexOf('#');
                    params(hash < 0 ? query : query.substring(0, hash), step.arg(), out);
                }
                case Step.FORM -> params(text, step.arg(), out);
                case Step.JSON -> {
                    JsonNode node = MAPPER.readTree(text).at(step.arg());
                    if (!node.isMissingNode()) {
                        out.add(utf8(node.isTextual() ? node.textValue() : node.toString()));
                    }
                }
                case Step.PERCENT -> out.add(utf8(URLDecoder.decode(text, StandardCharsets.UTF_8)));
                case Step.BASE64 -> out.add(switch (step.arg()) {
                    case "url" -> Base64.getUrlDecoder().decode(text);
                    case "mime" -> Base64.getMimeDecoder().decode(text);
                    default -> Base64.getDecoder().decode(text);
                });
                case Step.HEX -> out.add(HexFormat.of().parseHex(text));
                case Step.GZIP -> out.add(readBounded(new GZIPInputStream(new ByteArrayInputStream(in))));
                case Step.DEFLATE -> out.add(readBounded(new InflaterInputStream(new ByteArrayInputStream(in))));
                case Step.PROTOBUF -> {
                    List<byte[]> level = List.of(in);
                    for (String field : step.arg().split("\\.")) {
                        List<byte[]> deeper = new ArrayList<>();
                        for (byte[] message : level) {
                            deeper.addAll(protobufField(message, Integer.parseInt(field)));
                        }
                        level = deeper;
                    }
                    out.addAll(level);
                }
                case Step.DEFLATE_RAW -> out.add(readBounded(new InflaterInputStream(new ByteArrayInputStream(in),
                        new java.util.zip.Inflater(true))));
                case Step.CBOR -> {
                    JsonNode node = CBOR.readTree(in).at(step.arg());
                    if (node.isTextual()) {
                        out.add(utf8(node.textValue()));
                    } else if (node.isBinary()) {
                        out.add(node.binaryValue());
                    }
                }
                case Step.MSGPACK -> {
                    org.msgpack.value.Value v = org.msgpack.core.MessagePack.newDefaultUnpacker(in).unpackValue();
                    for (String key : step.arg().substring(1).split("/")) {
                        v = v.isMapValue() ? v.asMapValue().map().get(org.msgpack.value.ValueFactory.newString(key)) : null;
                        if (v == null) {
                            return;
                        }
                    }
                    out.add(v.isStringValue() ? v.asStringValue().asByteArray() : v.asRawValue().asByteArray());
                }
                case Step.XML -> {
                    javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
                    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                    org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(in));
                    String value = javax.xml.xpath.XPathFactory.newDefaultInstance().newXPath()
                            .evaluate(step.arg(), doc);
                    out.add(utf8(value));
                }
                case Step.GRPC -> {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in);
                    for (int k = 0; b.remaining() >= 5; k++) {
                        b.get();
                        byte[] message = new byte[b.getInt()];
                        b.get(message);
                        if (k == Integer.parseInt(step.arg())) {
                            out.add(message);
                        }
                    }
                }
                case Step.JSONL -> out.add(utf8(text.split("\n")[Integer.parseInt(step.arg())]));
                case Step.SOCKETIO -> {
                    if (text.startsWith("42")) {
                        out.add(utf8(text.substring(2)));
                    }
                }
                case Step.JWT -> {
                    String[] words = text.trim().split(" ");
                    String[] parts = words[words.length - 1].split("\\.");
                    out.add(Base64.getUrlDecoder().decode(parts[1]));
                }
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
        } catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException
                 | java.nio.BufferUnderflowException | NegativeArraySizeException | org.xml.sax.SAXException
                 | javax.xml.parsers.ParserConfigurationException | javax.xml.xpath.XPathExpressionException e) {
            // This candidate is not what the step expects; other candidates may be.
        }
    }

    private static void params(String query, String name, List<byte[]> out) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                out.add(utf8(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
            }
        }
    }

    /** The length-delimited values of one field number in a protobuf message (empty when not one). */
    static List<byte[]> protobufField(byte[] m, int wanted) {
        List<byte[]> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < m.length) {
            long key = varint(m, pos);
            int wire = (int) (key & 7);
            long field = key >>> 3;
            switch (wire) {
                case 0 -> varint(m, pos);
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    long len = varint(m, pos);
                    if (len < 0 || len > m.length - pos[0]) {
                        return List.of();
                    }
                    if (field == wanted) {
                        byte[] v = new byte[(int) len];
                        System.arraycopy(m, pos[0], v, 0, (int) len);
                        out.add(v);
                    }
                    pos[0] += (int) len;
                }
                default -> {
                    return List.of();
                }
            }
        }
        return out;
    }

    private static long varint(byte[] m, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= m.length) {
                throw new IllegalArgumentException("truncated varint");
            }
            int b = m[pos[0]++] & 0xff;
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        try (in) {
            byte[] data = in.readNBytes(1 << 20);
            if (in.read() >= 0) {
                throw new IOException("more than 1 MiB decompressed");
            }
            return data;
        }
    }

    /** The digest form, computed here with String.format rather than the corpus's own code. */
    static String digest(String spec, String value) {
        String[] parts = spec.split("/");
        String algorithm = switch (parts[0]) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            default -> "SHA-256";
        };
        byte[] d;
        try {
            d = MessageDigest.getInstance(algorithm).digest(utf8(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder out = new StringBuilder();
        switch (parts[1]) {
            case "hex", "HEX" -> {
                for (byte b : d) {
                    out.append(String.format("%02x", b));
                }
                return parts[1].equals("HEX") ? out.toString().toUpperCase(Locale.ROOT) : out.toString();
            }
            case "hex-nozero" -> {
                for (byte b : d) {
                    String two = String.format("%02x", b);
                    out.append(two.startsWith("0") ? two.substring(1) : two);
                }
                return out.toString();
            }
            default -> {
                return Base64.getEncoder().encodeToString(d);
            }
        }
    }

    /** The spelling, written out again here as the documentation describes it. */
    static String spell(String name, String value) {
        return switch (name) {
            case "upper", "mac-upper" -> value.toUpperCase(Locale.ROOT);
            case "no-scheme" -> value.replaceFirst("^https?://", "");
            case "plus" -> value.replace(" ", "+");
            case "pct20" -> value.replace(" ", "%20");
            case "no-country-code" -> value.replaceFirst("^\\+(44|49|86|33|91|1)", "");
            case "mac-dash" -> value.replace(":", "-");
            case "mac-bare" -> value.replace(":", "");
            case "mac-bare-upper" -> value.replace(":", "").toUpperCase(Locale.ROOT);
            case "mac-bare-sha256" -> digest("sha256/hex", value.replace(":", ""));
            case "mac-bare-upper-md5" -> digest("md5/hex", value.replace(":", "").toUpperCase(Locale.ROOT));
            case "phone-grouped" -> {
                String national = spell("no-country-code", value);
                String cc = value.substring(0, value.length() - national.length());
                yield cc + " " + threes(national);
            }
            case "phone-parens" -> {
                String n = "0" + spell("no-country-code", value);
                yield String.format("(%s) %s-%s", n.substring(0, 3), n.substring(3, 6), n.substring(6));
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Groups of three from the left; the last group holds what is left once four digits or fewer remain. */
    private static String threes(String digits) {
        return digits.length() <= 4 ? digits : digits.substring(0, 3) + " " + threes(digits.substring(3));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
