package org.telltale.testkit.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The digests SDKs send instead of a value: MD5, SHA-1 or SHA-256, written as lower or upper
 * hex, as base64 of the digest, or as hex from {@code Integer.toHexString} per byte, which drops
 * each byte's leading zero (a bug common in Android code).
 */
public final class HashForm {
    /** Every algorithm/form pair, as written in a {@link Step#HASH} argument. */
    public static final List<String> ALL = List.of(
            "md5/hex", "md5/HEX", "md5/base64", "md5/hex-nozero",
            "sha1/hex", "sha1/HEX", "sha1/base64", "sha1/hex-nozero",
            "sha256/hex", "sha256/HEX", "sha256/base64", "sha256/hex-nozero");

    private HashForm() {
    }

    /** The digest of the UTF-8 bytes of value, written in the form spec ("sha256/hex") names. */
    public static String apply(String spec, String value) {
        int slash = spec.indexOf('/');
        byte[] digest = digest(spec.substring(0, slash), value);
        String form = spec.substring(slash + 1);
        switch (form) {
            case "hex":
                return HexFormat.of().formatHex(digest);
            case "HEX":
                return HexFormat.of().withUpperCase().formatHex(digest);
            case "base64":
                return Base64.getEncoder().encodeToString(digest);
            case "hex-nozero":
                StringBuilder out = new StringBuilder();
                for (byte b : digest) {
                    out.append(Integer.toHexString(b & 0xff));
                }
                return out.toString();
            default:
                throw new IllegalArgumentException("unknown hash form " + spec);
        }
    }

    private static byte[] digest(String algorithm, String value) {
        String jdkName = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            default -> throw new IllegalArgumentException("unknown hash " + algorithm);
        };
        try {
            return MessageDigest.getInstance(jdkName).digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + jdkName, e);
        }
    }
}
