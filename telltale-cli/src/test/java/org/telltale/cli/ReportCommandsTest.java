package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command a report offers to redo a layer by hand ("base64 -d", "gunzip -c", "jq -r ...")
 * really turns the layer before it into that layer: each is run with bash on the previous layer's
 * bytes, as a reader would paste it, and its output compared byte for byte. The data is read from
 * the report file with a JSON parser; no browser is needed. A command whose tool this machine lacks
 * is left out, and each test says which tools it must have checked.
 */
class ReportCommandsTest {
    private static final String CANARY = "QX7-canary-4402";
    private static final String BIG_NUMBER = "12345678901234567890";
    private static final Instant TIME = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path dir;

    /**
     * The tools of those named that this machine has; where CI installs them (TELLTALE_ORACLES=required)
     * a missing one is a failure, elsewhere (the README's test command on a bare machine) it is left out.
     */
    private String[] available(String... tools) throws Exception {
        List<String> out = new ArrayList<>();
        for (String t : tools) {
            if (onPath(t)) {
                out.add(t);
            } else {
                assertThat(System.getenv("TELLTALE_ORACLES")).as(t + " is not installed").isNotEqualTo("required");
            }
        }
        return out.toArray(String[]::new);
    }

    @Test
    void everyCommandOfTheExampleRedoesItsLayer() throws Exception {
        Path report = ReportFiles.report(ReportFiles.exampleCase(dir), dir.resolve("report.html"));
        Map<String, Integer> checked = checkEveryCommand(ReportFiles.embedded(report));
        assertThat(checked).containsKeys(available("base64", "gunzip", "jq"));
    }

    @Test
    void everyCommandOfARealMitmproxyCaptureRedoesItsLayer() throws Exception {
        // A real capture whose findings sit under a gzip layer (mitmproxy's own test flows).
        Path capture = Path.of("../telltale-formats/src/test/resources/mitm/diff_data.mitm");
        Path report = ReportFiles.analyzeHtml(capture, null, dir.resolve("real.html"));
        assertThat(checkEveryCommand(ReportFiles.embedded(report))).containsKey("gunzip");
    }

    @Test
    void commandsStayRightForFieldNamesMadeToBreakQuotingAndForEveryEncodingTheyName() throws Exception {
        Path capture = dir.resolve("commands.har");
        Path canaries = dir.resolve("canaries.json");
        Files.writeString(canaries, "{\"canaries\": [{\"id\": \"c\", \"type\": \"text\", \"value\": \"" + CANARY + "\"},"
                + " {\"id\": \"n\", \"type\": \"text\", \"value\": \"" + BIG_NUMBER + "\"}]}");
        commandCapture().write(capture);
        Path report = ReportFiles.analyzeHtml(capture, canaries, dir.resolve("commands.html"));
        Map<String, Integer> checked = checkEveryCommand(ReportFiles.embedded(report));
        assertThat(checked).containsKeys(available("base64", "basenc", "gunzip", "jq", "xxd", "python3", "tail"));
        assertThat(dir.resolve("pwned")).as("a field name is never run as a command").doesNotExist();
    }

    /** JSON whose every field name is hostile to a shell or to jq, each holding the canary. */
    private static ObjectNode hostileKeys() {
        ObjectNode o = ReportFiles.JSON.createObjectNode();
        String[] keys = {"a'b", "$(touch pwned)", "`touch pwned`", "x\"y", "back\\slash", "with space", "semi;colon",
            "a.b", "[0]", "'; touch pwned; '", "new\nline", "\u043a\u043b\u044e\u0447", "tab\there", "\u202Ertl"};
        for (String k : keys) {
            o.put(k, "v " + CANARY);
        }
        o.put("ends in a newline", CANARY + "\n");
        o.put("nul", "a\u0000" + CANARY);
        o.putObject("it's").putArray("in\"side").add("x").add(CANARY);
        return o;
    }

    private static HarFile commandCapture() throws IOException {
        String url = "https://collect.example.com/v1/";
        String ip = "93.184.216.34";
        List<String[]> form = HarFile.headers("Content-Type", "application/x-www-form-urlencoded");
        List<String[]> json = HarFile.headers("Content-Type", "application/json");
        byte[] keys = ReportFiles.JSON.writeValueAsBytes(hostileKeys());
        // base64 of a payload with '+' in it and without its padding, sent in a form without escaping the '+'.
        String loose = "";
        for (int pad = 0; !(loose.contains("+") && loose.length() % 4 != 0); pad++) {
            byte[] p = ReportFiles.JSON.writeValueAsBytes(ReportFiles.JSON.createObjectNode().put("q", CANARY)
                    .put("pad", "~".repeat(pad) + "\u00fb\u00ef"));
            loose = Base64.getEncoder().withoutPadding().encodeToString(p);
        }
        // URL-safe base64 with a '-' or '_' in it, with its padding and without.
        String urlSafe = "";
        for (int pad = 0; !((urlSafe.contains("-") || urlSafe.contains("_")) && urlSafe.endsWith("=")); pad++) {
            byte[] p = ReportFiles.JSON.writeValueAsBytes(ReportFiles.JSON.createObjectNode().put("q", CANARY)
                    .put("pad", "?".repeat(pad) + "\u00fe\u00ff"));
            urlSafe = Base64.getUrlEncoder().encodeToString(p);
        }
        byte[] small = ReportFiles.JSON.writeValueAsBytes(ReportFiles.JSON.createObjectNode().put("q", CANARY));
        return new HarFile()
                .post(TIME, "POST", url + "form", ip, form, "application/x-www-form-urlencoded", "payload="
                        + URLEncoder.encode(Base64.getEncoder().encodeToString(gzip(keys)), StandardCharsets.UTF_8))
                .post(TIME.plusSeconds(1), "POST", url + "loose", ip, form, "application/x-www-form-urlencoded", "d=" + loose)
                .post(TIME.plusSeconds(2), "POST", url + "urlsafe", ip, json, "application/json",
                        "{\"blob\":\"" + urlSafe + "\",\"unpadded\":\"" + urlSafe.replace("=", "") + "\"}")
                .post(TIME.plusSeconds(3), "POST", url + "hex", ip, json, "application/json",
                        "{\"h\":\"" + HexFormat.of().formatHex(small) + "\"}")
                .post(TIME.plusSeconds(4), "GET", url + "percent?x=1", ip,
                        HarFile.headers("X-Data", URLEncoder.encode(new String(small, StandardCharsets.UTF_8),
                                StandardCharsets.UTF_8).replace("+", "%20")), null, null)
                .post(TIME.plusSeconds(5), url + "gzip", ip, HarFile.headers("Content-Type", "application/json", "Content-Encoding", "gzip"),
                        "application/json", gzip(keys))
                .post(TIME.plusSeconds(6), url + "zlib", ip, HarFile.headers("Content-Type", "application/json", "Content-Encoding", "deflate"),
                        "application/json", deflate(small, false))
                .post(TIME.plusSeconds(7), url + "raw-deflate", ip,
                        HarFile.headers("Content-Type", "application/json", "Content-Encoding", "deflate"), "application/json", deflate(small, true))
                .post(TIME.plusSeconds(8), "POST", url + "number", ip, json, "application/json",
                        "{\"n\":" + BIG_NUMBER + ",\"small\":" + CANARY.length() + "}")
                .post(TIME.plusSeconds(9), url + "undeclared-raw-deflate", ip,
                        HarFile.headers("Content-Type", "application/octet-stream"), "application/octet-stream",
                        deflate(small, true))
                .post(TIME.plusSeconds(10), url + "grpc", ip, HarFile.headers("Content-Type", "application/grpc-web"),
                        "application/grpc-web", grpcFrames(small))
                .post(TIME.plusSeconds(11), "POST", url + "socketio", ip, HarFile.headers("Content-Type", "text/plain"),
                        "text/plain", "42[\"track\"," + new String(small, StandardCharsets.UTF_8) + "]")
                .post(TIME.plusSeconds(12), "POST", url + "jsonl", ip, json, "application/json",
                        "{\"a\":1}\n" + new String(small, StandardCharsets.UTF_8) + "\n");
    }

    /** Two gRPC frames as the wire spec has them (flag byte, 4-byte big-endian length); the second holds the data. */
    private static byte[] grpcFrames(byte[] data) {
        byte[] first = {0x08, 0x01};
        return java.nio.ByteBuffer.allocate(10 + first.length + data.length).put((byte) 0).putInt(first.length)
                .put(first).put((byte) 0).putInt(data.length).put(data).array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /**
     * Runs every layer's command of every finding on the layer before it, each pair of layers once.
     *
     * @return how many commands were checked, by tool
     */
    private Map<String, Integer> checkEveryCommand(JsonNode data) throws Exception {
        Map<String, Integer> checked = new TreeMap<>();
        Set<String> done = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        JsonNode layers = data.get("layers");
        for (int f = 0; f < data.get("evidence").size(); f++) {
            JsonNode chain = data.get("evidence").get(f).get("layers");
            for (int i = 1; i < chain.size(); i++) {
                JsonNode layer = layers.get(chain.get(i).asInt());
                String command = layer.get("command").asText(null);
                if (command == null || !done.add(chain.get(i - 1).asInt() + ">" + chain.get(i).asInt())) {
                    continue;
                }
                String tool = command.split(" ", 2)[0];
                if (!onPath(tool)) {
                    continue;
                }
                byte[] in = bytes(layers.get(chain.get(i - 1).asInt()));
                byte[] expected = bytes(layer);
                Run run = bash(command, in);
                byte[] got = run.out;
                if (tool.equals("jq") && got.length > 0 && got[got.length - 1] == '\n') {
                    got = Arrays.copyOf(got, got.length - 1);
                }
                if (run.code != 0 || !Arrays.equals(got, expected)) {
                    wrong.add("finding " + f + ", layer " + i + " (" + layer.get("label").asText() + "): " + command
                            + " exited " + run.code + " " + run.err.strip() + "\n  expected "
                            + show(expected) + "\n  got      " + show(got));
                }
                checked.merge(tool, 1, Integer::sum);
            }
        }
        assertThat(wrong).as("commands that do not redo their layer").isEmpty();
        return checked;
    }

    private static String show(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 200), StandardCharsets.UTF_8);
        return "\"" + s.replace("\n", "\\n").replace("\u0000", "\\0") + "\"" + (b.length > 200 ? "... (" + b.length + " bytes)" : "");
    }

    private static byte[] bytes(JsonNode layer) {
        return Base64.getDecoder().decode(layer.get("data").get("base64").asText());
    }

    private boolean onPath(String tool) throws Exception {
        return bash("command -v " + tool, new byte[0]).code == 0;
    }

    private record Run(int code, byte[] out, String err) {
    }

    private Run bash(String command, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command stopped reading; its exit code tells
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(command + " finishes").isTrue();
        return new Run(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
