package org.telltale.report.html;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command a reader types to peel one layer by hand ({@code base64 -d}, {@code gunzip},
 * {@code jq}), so nobody has to take a decoding on trust. Only where a common tool does exactly what
 * the decoder did to the bytes at hand: base64 that the plain tool would refuse (unpadded, or with
 * its '+' turned into spaces by a form) and raw deflate get a python3 line that reads them as the
 * decoder did, and a JSON number that jq would print differently (jq 1.6 reads numbers as doubles)
 * gets no command. Field names from a capture are hostile, so they are quoted for the shell and for
 * jq, and a label that does not parse cleanly gets no command rather than a wrong one.
 */
public final class ShellCommands {
    private static final String PYTHON_INFLATE =
            "python3 -c 'import sys,zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))'";
    private static final String PYTHON_INFLATE_RAW =
            "python3 -c 'import sys,zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read(), -15))'";
    private static final String PYTHON_UNQUOTE =
            "python3 -c 'import sys,urllib.parse; sys.stdout.write(urllib.parse.unquote(sys.stdin.read()))'";
    /** base64 as the decoder reads it: outer whitespace trimmed, spaces as '+', line breaks skipped, padding optional. */
    private static final String PYTHON_BASE64 = "python3 -c 'import sys,base64; "
            + "d=b\"\".join(sys.stdin.buffer.read().strip().replace(b\" \",b\"+\").split()).rstrip(b\"=\"); "
            + "sys.stdout.buffer.write(base64.%s(d+b\"=\"*(-len(d)%%4)))'";
    /** What jq 1.6 prints unchanged: true, false and integers that a double holds exactly. */
    private static final Pattern JQ_SAFE_LITERAL = Pattern.compile("true|false|-?(0|[1-9][0-9]{0,14})");

    private ShellCommands() {
    }

    /**
     * The command that turns the previous layer into this one, or null when no common tool does it alone.
     *
     * @param decoder  the decoder that uncovered the layer; null for the root
     * @param label    the layer's step label
     * @param previous the previous layer's bytes, which the command reads
     * @param start    where in them the layer came from, or -1
     */
    public static String of(String decoder, String label, byte[] previous, int start) {
        return of(decoder, label, previous, start, -1);
    }

    /**
     * The command that turns the previous layer into this one, or null when no common tool does it alone.
     * Framings whose layer is a slice of the previous one (gRPC messages, JSON lines, Socket.IO and
     * SignalR records, CBOR and MessagePack strings) get the {@code tail | head} that cuts it out,
     * when the span is known; XML and property lists get none, since no stock tool reads them as
     * the decoder does.
     *
     * @param end where in the previous layer this one ends, or -1
     */
    public static String of(String decoder, String label, byte[] previous, int start, int end) {
        if (decoder == null) {
            return null;
        }
        byte[] in = previous == null ? new byte[0] : previous;
        return switch (decoder) {
            case "gzip" -> "gunzip -c";
            case "zstd" -> "zstd -dc";
            case "br" -> "brotli -dc";
            case "deflate" -> isZlibHeader(in) ? PYTHON_INFLATE : PYTHON_INFLATE_RAW;
            case "deflate-raw" -> PYTHON_INFLATE_RAW;
            case "grpc", "jsonl", "socketio", "signalr", "cbor", "msgpack" -> slice(in, start, end);
            case "base64" -> base64("base64url".equals(label), in);
            case "hex" -> "xxd -r -p";
            case "percent" -> PYTHON_UNQUOTE;
            case "json" -> start >= 0 && start < in.length && in[start] != '"' && !jqPrintsAsWritten(in, start)
                    ? null : jq(label);
            default -> null;
        };
    }

    /** {@code tail -c +START | head -c LENGTH}: the bytes [start, end) of the input, or null when the span is unknown. */
    static String slice(byte[] in, int start, int end) {
        if (start < 0 || end < start || end > in.length) {
            return null;
        }
        String head = "head -c " + (end - start);
        return start == 0 ? head : "tail -c +" + (start + 1) + " | " + head;
    }

    private static String base64(boolean urlSafe, byte[] in) {
        if (canonicalBase64(in, urlSafe)) {
            return urlSafe ? "basenc --base64url -d" : "base64 -d";
        }
        return String.format(PYTHON_BASE64, urlSafe ? "urlsafe_b64decode" : "b64decode");
    }

    /** What coreutils decodes without complaint: the alphabet, line feeds, and padding to a multiple of four. */
    static boolean canonicalBase64(byte[] in, boolean urlSafe) {
        int end = in.length;
        while (end > 0 && in[end - 1] == '\n') {
            end--;
        }
        int chars = 0;
        int padding = 0;
        for (int i = 0; i < end; i++) {
            int b = in[i];
            if (b == '\n' && padding == 0) {
                continue;
            }
            boolean alphabet = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || (urlSafe ? b == '-' || b == '_' : b == '+' || b == '/');
            if (b == '=') {
                padding++;
            } else if (!alphabet || padding > 0) {
                return false;
            }
            chars++;
        }
        return padding <= 2 && chars % 4 == 0;
    }

    /** A zlib header (RFC 1950): deflate with a 32K window or less, and a check that divides by 31. */
    private static boolean isZlibHeader(byte[] d) {
        return d.length >= 2 && (d[0] & 0x0f) == 8 && (d[0] & 0xf0) <= 0x70 && ((d[0] & 0xff) << 8 | (d[1] & 0xff)) % 31 == 0;
    }

    /** Whether the JSON literal (not a string) at start reads back the same from jq -r. */
    private static boolean jqPrintsAsWritten(byte[] in, int start) {
        int end = start;
        while (end < in.length && "{}[],: \t\r\n".indexOf(in[end]) < 0) {
            end++;
        }
        return JQ_SAFE_LITERAL.matcher(new String(in, start, end - start, StandardCharsets.US_ASCII)).matches();
    }

    /** {@code jq -r '.[0]["properties"]["q"]'} for the label {@code json:$[0].properties.q}. */
    static String jq(String label) {
        if (label == null || !label.startsWith("json:$")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        String p = label.substring("json:$".length());
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
                    j++;
                }
                if (j == i + 1) {
                    return null;
                }
                parts.add("[" + jsonString(p.substring(i + 1, j)) + "]");
                i = j;
            } else if (p.startsWith("['", i)) {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                while (j < p.length() && p.charAt(j) != '\'') {
                    if (p.charAt(j) == '\\' && j + 1 < p.length()) {
                        j++;
                    }
                    key.append(p.charAt(j++));
                }
                if (!p.startsWith("']", j)) {
                    return null;
                }
                parts.add("[" + jsonString(key.toString()) + "]");
                i = j + 2;
            } else if (c == '[') {
                int j = p.indexOf(']', i);
                if (j < 0 || j == i + 1 || !p.substring(i + 1, j).chars().allMatch(Character::isDigit)) {
                    return null;
                }
                parts.add(p.substring(i, j + 1));
                i = j + 1;
            } else {
                return null;
            }
        }
        return "jq -r " + singleQuoted("." + String.join("", parts));
    }

    /** A JSON string literal, as jq reads one. */
    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Quoted for a POSIX shell: nothing inside single quotes is special but the quote itself. */
    static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
