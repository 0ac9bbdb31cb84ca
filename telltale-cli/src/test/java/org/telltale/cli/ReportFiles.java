package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Cases and report files made with the command line as a user makes them, and what a report embeds. */
final class ReportFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(256 << 20).build());
    }

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-(data|findings|evidence)\">(.*?)</script>", Pattern.DOTALL);

    private ReportFiles() {
    }

    /** The README's example imported into a case and analysed there: capture.har, planted.yaml and example.case in dir. */
    static Path exampleCase(Path dir) {
        Path har = TestFiles.copy("example/capture.har", dir);
        Path canaries = TestFiles.copy("example/planted.yaml", dir);
        return newCase(dir.resolve("example.case"), har, canaries);
    }

    /** A case of one capture and its canary file, analysed. */
    static Path newCase(Path caseFile, Path capture, Path canaries) {
        ok(CliRun.of("import", capture.toString(), "--case", caseFile.toString(), "--canaries", canaries.toString()));
        ok(CliRun.of("analyze", caseFile.toString()));
        return caseFile;
    }

    /** {@code telltale report CASE -o FILE}. */
    static Path report(Path caseFile, Path out) {
        ok(CliRun.of("report", caseFile.toString(), "-o", out.toString()));
        return out;
    }

    /** {@code telltale analyze CAPTURE [--canaries F] --format html -o FILE}. */
    static Path analyzeHtml(Path capture, Path canaries, Path out) {
        List<String> args = new ArrayList<>(List.of("analyze", capture.toString()));
        if (canaries != null) {
            args.addAll(List.of("--canaries", canaries.toString()));
        }
        args.addAll(List.of("--format", "html", "-o", out.toString()));
        ok(CliRun.of(args.toArray(String[]::new)));
        return out;
    }

    /** {@code telltale analyze INPUT... --format json}, read back. */
    static JsonNode analyzeJson(Path out, String... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze"));
        args.addAll(List.of(inputs));
        args.addAll(List.of("--format", "json", "-o", out.toString()));
        ok(CliRun.of(args.toArray(String[]::new)));
        return JSON.readTree(out.toFile());
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** The data a report file embeds, read from the file with a JSON parser (not through a browser). */
    static JsonNode embedded(Path html) throws IOException {
        return embedded(Files.readString(html, StandardCharsets.UTF_8));
    }

    /**
     * The summary, with the fields of the findings and evidence elements a report file holds apart
     * (each a JSON object) added to it; a live page has only the summary.
     */
    static JsonNode embedded(String html) throws IOException {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the page embeds its data").isTrue();
        assertThat(m.group(1)).isEqualTo("data");
        com.fasterxml.jackson.databind.node.ObjectNode all = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(m.group(2));
        while (m.find()) {
            all.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(m.group(2)));
        }
        return all;
    }

    /**
     * What makes a finding the same finding in the page's data and in {@code analyze --format json}: where
     * it was, along which steps, and what it matched.
     */
    static String identity(JsonNode f) {
        return String.join("\u0000", f.get("flow_id").asText(), f.get("canary").asText(), f.get("kind").asText(),
                f.get("location").asText(), f.get("location_index").asText(), f.get("path").toString(),
                f.get("start").asText(), f.get("end").asText(), f.get("matched").asText());
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
