package org.telltale.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * The command a reader types to peel one layer by hand ({@code base64 -d}, {@code gunzip},
 * {@code jq}), so nobody has to take a decoding on trust. Only where a common tool does exactly what
 * the decoder did; field names from a capture are hostile, so they are quoted for the shell and for
 * jq, and a label that does not parse cleanly gets no command rather than a wrong one.
 */
public final class ShellCommands {
    private static final String PYTHON_INFLATE =
            "python3 -c 'import sys,zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))'";
    private static final String PYTHON_UNQUOTE =
            "python3 -c 'import sys,urllib.parse; sys.stdout.write(urllib.parse.unquote(sys.stdin.read()))'";

    private ShellCommands() {
    }

    /** The command that turns the previous layer into this one, or null when no common tool does it alone. */
    public static String of(String decoder, String label) {
        if (decoder == null) {
            return null;
        }
        return switch (decoder) {
            case "gzip" -> "gunzip -c";
            case "zstd" -> "zstd -dc";
            case "br" -> "brotli -dc";
            case "deflate" -> PYTHON_INFLATE;
            case "base64" -> "base64url".equals(label) ? "basenc --base64url -d" : "base64 -d";
            case "hex" -> "xxd -r -p";
            case "percent" -> PYTHON_UNQUOTE;
            case "json" -> jq(label);
            default -> null;
        };
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
