package org.telltale.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One finding of a golden file and the verdict a person gave it. A tab-separated line: flow, host,
 * kind, value, where (the finding's provenance and offset), transform, confidence, verdict ("true",
 * "false", or "?" before anyone judged it) and why. Tabs, line breaks and backslashes inside a field
 * are written as \t, \n and \\ so every finding stays one line.
 */
record GoldenRow(int flow, String host, String kind, String value, String where, String transform,
                 String confidence, String verdict, String reason) {

    static final String HEADER = "flow\thost\tkind\tvalue\twhere\ttransform\tconfidence\tverdict\twhy";

    static GoldenRow of(JsonNode finding) {
        return new GoldenRow(finding.get("flow").asInt(), finding.get("destination").get("host").asText(),
                finding.get("kind").asText(), finding.get("value").asText(),
                finding.get("provenance").asText() + " @" + finding.get("start").asInt(), finding.get("transform").asText(),
                finding.get("confidence").asText(), "?", "");
    }

    /** What identifies the finding, without the verdict. */
    String key() {
        return String.join("\t", String.valueOf(flow), host, escape(kind), escape(value), escape(where),
                escape(transform), confidence);
    }

    static List<GoldenRow> read(Path file) {
        List<GoldenRow> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : GoldenFindingsTest.lines(file)) {
            if (line.isEmpty() || line.startsWith("#") || line.equals(HEADER)) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 9) {
                throw new IllegalStateException(file + ": not 9 fields: " + line);
            }
            rows.add(new GoldenRow(Integer.parseInt(f[0]), f[1], unescape(f[2]), unescape(f[3]), unescape(f[4]),
                    unescape(f[5]), f[6], f[7], unescape(f[8])));
        }
        return rows;
    }

    /** The findings made now, each with the verdict it had before, if it was made before. */
    static List<GoldenRow> carryVerdicts(List<GoldenRow> found, List<GoldenRow> judged) {
        Map<String, GoldenRow> before = new HashMap<>();
        for (GoldenRow r : judged) {
            before.put(r.key(), r);
        }
        List<GoldenRow> out = new ArrayList<>();
        for (GoldenRow r : found) {
            GoldenRow old = before.get(r.key());
            out.add(old == null ? r : new GoldenRow(r.flow, r.host, r.kind, r.value, r.where, r.transform, r.confidence,
                    old.verdict, old.reason));
        }
        return out;
    }

    static void write(Path file, Path capture, List<GoldenRow> rows) {
        StringBuilder text = new StringBuilder();
        text.append("# Every finding of: telltale analyze ").append(capture.getFileName())
                .append(" (no canary file), each judged by hand; see README.md in this folder.\n");
        text.append(HEADER).append('\n');
        for (GoldenRow r : rows) {
            text.append(r.key()).append('\t').append(r.verdict).append('\t').append(escape(r.reason)).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
