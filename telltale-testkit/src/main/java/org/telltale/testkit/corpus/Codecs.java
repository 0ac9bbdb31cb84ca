package org.telltale.testkit.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** The encodings the corpus wraps values in, each one way only: the corpus never decodes. */
final class Codecs {
    private Codecs() {
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** zlib-wrapped deflate, which is what HTTP calls "deflate". */
    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Base64 in the variant a {@link Step#BASE64} step names: std, url, unpadded or mime. */
    static String base64(String variant, byte[] data) {
        return switch (variant) {
            case "std" -> Base64.getEncoder().encodeToString(data);
            case "url" -> Base64.getUrlEncoder().encodeToString(data);
            case "unpadded" -> Base64.getEncoder().withoutPadding().encodeToString(data);
            case "mime" -> Base64.getMimeEncoder().encodeToString(data);
            default -> throw new IllegalArgumentException("unknown base64 variant " + variant);
        };
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }

    /** Percent-encodes every byte outside RFC 3986's unreserved set, as some SDKs do by hand. */
    static String percent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** Whether {@link #percent} changes the text. */
    static boolean needsPercent(String text) {
        return !percent(text).equals(text);
    }

    /** application/x-www-form-urlencoded, as browsers and java.net.URLEncoder write it. */
    static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
