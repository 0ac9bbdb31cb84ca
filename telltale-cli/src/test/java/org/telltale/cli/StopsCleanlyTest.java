package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code telltale analyze} in a child JVM, stopped the two ways a user meets: out of memory,
 * and a signal. Either way it says so in one line, exits with its documented code, and the JSON lines
 * written before stay valid and hold what was found.
 */
class StopsCleanlyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entries of the HAR a signal interrupts: far more than are read before it comes. */
    private static final int LONG_HAR_ENTRIES = 400_000;

    @Test
    void outOfMemoryEndsWithOneLineExitCode3AndTheFlowsFoundBefore(@TempDir Path dir) throws Exception {
        Path har = dir.resolve("big.har");
        try (BufferedWriter w = Files.newBufferedWriter(har, StandardCharsets.UTF_8)) {
            w.write("{\"log\":{\"version\":\"1.2\",\"entries\":[");
            for (int i = 0; i < 20; i++) {
                w.write(entry(i, "email=jane.roe" + i + "%40posteo.de"));
                w.write(",");
            }
            // One body far larger than the heap the child gets.
            w.write(entry(20, "x".repeat(90 << 20)));
            w.write("]}}");
        }
        Path out = dir.resolve("out.jsonl");

        Child child = Child.run(dir, "-Xmx64m", "analyze", har.toString(), "--format", "jsonl", "-o", out.toString(),
                "--no-progress");

        assertThat(child.exit).as(child.err).isEqualTo(3);
        assertThat(child.err.strip().lines()).singleElement().asString()
                .startsWith("telltale: stopped early (out of memory)").doesNotContain("Exception");
        List<JsonNode> lines = lines(out);
        assertThat(lines).filteredOn(n -> n.get("type").asText().equals("flow")).hasSize(20);
        assertThat(lines).filteredOn(n -> n.get("type").asText().equals("finding")).hasSize(20);
        assertThat(lines.get(lines.size() - 1).get("stopped").asText()).isEqualTo("out of memory");
    }

    @Test
    void aSignalEndsTheRunAndTheJsonLinesWrittenSoFarStayValid(@TempDir Path dir) throws Exception {
        Path har = longHar(dir);
        Path out = dir.resolve("out.jsonl");
        Process p = Child.start(dir, "-Xmx256m", "analyze", har.toString(), "--format", "jsonl", "-o", out.toString(),
                "--no-progress");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (!Files.exists(out) || Files.size(out) < 200_000)) {
            Thread.sleep(50);
        }
        Child child = Child.signalled(p, dir);

        assertThat(child.exit).as(child.err).isEqualTo(143);
        assertThat(child.err.strip().lines()).singleElement().isEqualTo(
                "telltale: interrupted; what was found before is in the output");
        List<JsonNode> lines = lines(out);
        long flows = lines.stream().filter(n -> n.get("type").asText().equals("flow")).count();
        assertThat(flows).isBetween(100L, LONG_HAR_ENTRIES - 1L);
        assertThat(lines.stream().filter(n -> n.get("type").asText().equals("finding")).count()).isEqualTo(flows);
        assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("end");
        assertThat(lines.get(lines.size() - 1).get("stopped").asText()).isEqualTo("interrupted");
    }

    @Test
    void aSignalStillWritesTheTextReportOfWhatWasFound(@TempDir Path dir) throws Exception {
        Path har = longHar(dir);
        Path out = dir.resolve("out.txt");
        Process p = Child.start(dir, "-Xmx256m", "analyze", har.toString(), "-o", out.toString(), "--no-progress");
        // The text report is written only at the end, so wait on the child's own progress: CPU time it
        // spent, which a loaded machine delays but cannot fake.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.info().totalCpuDuration()
                .map(d -> d.toMillis() < 4000).orElse(true)) {
            Thread.sleep(50);
        }
        Child child = Child.signalled(p, dir);

        assertThat(child.exit).as(child.err).isEqualTo(143);
        assertThat(child.err.strip().lines()).singleElement().isEqualTo(
                "telltale: interrupted; what was found before is in the output");
        String report = Files.readString(out);
        assertThat(report).startsWith("Built-in detectors recognised ")
                .contains("The analysis stopped early (interrupted): this is what was found before.");
    }

    @Test
    void anOutputThatCannotBeWrittenIsSaidAtOnceInOneLine(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("analyze", TestFiles.copy("example/capture.har", dir).toString(), "-o",
                dir.resolve("no/such/dir/out.json").toString(), "--format", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().startsWith("telltale: cannot write ")
                .contains("no/such/dir/out.json");
    }

    private static Path longHar(Path dir) throws IOException {
        Path har = dir.resolve("long.har");
        try (BufferedWriter w = Files.newBufferedWriter(har, StandardCharsets.UTF_8)) {
            w.write("{\"log\":{\"version\":\"1.2\",\"entries\":[");
            for (int i = 0; i < LONG_HAR_ENTRIES; i++) {
                w.write(entry(i, "email=jane.roe" + i + "%40posteo.de&n=" + i));
                w.write(i + 1 < LONG_HAR_ENTRIES ? "," : "");
            }
            w.write("]}}");
        }
        return har;
    }

    private static String entry(int i, String body) {
        return "{\"startedDateTime\":\"2024-05-01T10:00:00.000Z\",\"time\":1,\"request\":{\"method\":\"POST\","
                + "\"url\":\"https://collect.tracker.example/e?i=" + i + "\",\"httpVersion\":\"HTTP/1.1\",\"headers\":"
                + "[{\"name\":\"Content-Type\",\"value\":\"application/x-www-form-urlencoded\"}],\"queryString\":[],"
                + "\"cookies\":[],\"headersSize\":-1,\"bodySize\":" + body.length() + ",\"postData\":{\"mimeType\":"
                + "\"application/x-www-form-urlencoded\",\"text\":\"" + body + "\"}},\"response\":{\"status\":204,"
                + "\"statusText\":\"\",\"httpVersion\":\"HTTP/1.1\",\"headers\":[],\"cookies\":[],\"content\":{\"size\":0,"
                + "\"mimeType\":\"\"},\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":0},\"cache\":{},\"timings\":"
                + "{\"send\":0,\"wait\":1,\"receive\":0}}";
    }

    /** Every line of a JSON lines file, each of which must parse. */
    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** The command line in a JVM of its own, with this test's class path. */
    private record Child(int exit, String err) {
        static Process start(Path dir, String heap, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            return new ProcessBuilder(command).redirectOutput(dir.resolve("child.out").toFile())
                    .redirectError(dir.resolve("child.err").toFile()).start();
        }

        /** Sends the child SIGTERM and waits for it to end. */
        static Child signalled(Process p, Path dir) throws Exception {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Child(p.exitValue(), Files.readString(dir.resolve("child.err")));
        }

        static Child run(Path dir, String heap, String... args) throws Exception {
            Process p = start(dir, heap, args);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Child(p.exitValue(), Files.readString(dir.resolve("child.err")));
        }
    }
}
