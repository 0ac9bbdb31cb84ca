package org.telltale.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jq command the report offers for a JSON step, run by the real jq on a document whose key is
 * hostile: it must print exactly the value, and nothing in the key may reach the shell.
 */
class ShellCommandsTest {
    @ParameterizedTest
    @ValueSource(strings = {"q", "$url", "a b", "it's", "say \"hi\"", "back\\slash", "$(touch /tmp/telltale-pwned)",
            "`id`", "semi;colon", "new\nline", "\u202Eevil", "[0]", ".dot"})
    void theJqCommandOfAJsonStepPrintsTheValueWhateverTheKey(String key) throws Exception {
        boolean jq = Files.isExecutable(Path.of("/usr/bin/jq")) || Files.isExecutable(Path.of("/bin/jq"));
        // CI installs jq (TELLTALE_ORACLES=required); a bare machine running the README's test command may not have it.
        assertThat(jq || !"required".equals(System.getenv("TELLTALE_ORACLES"))).as("jq is installed").isTrue();
        assumeTrue(jq, "jq is installed");
        String label = "json:$[0]" + pathOf(key);
        byte[] doc = new ObjectMapper().writeValueAsBytes(List.of(Map.of(key, "the value")));
        String command = ShellCommands.of("json", label, doc, -1);
        assertThat(command).as(label).isNotNull().startsWith("jq -r '");
        assertThat(run(command, doc)).isEqualTo("the value\n");
        assertThat(Path.of("/tmp/telltale-pwned")).doesNotExist();
    }

    /** The label as the JSON decoder writes it: identifiers after a dot, the rest in ['...'] with \ and ' escaped. */
    private static String pathOf(String key) {
        if (key.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            return "." + key;
        }
        return "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    @ParameterizedTest
    @ValueSource(strings = {"json:$[0", "json:$.", "json:$['open", "json:$[x]", "json:", "form:q"})
    void aLabelThatDoesNotParseCleanlyGetsNoCommand(String label) {
        assertThat(ShellCommands.of("json", label, "[0]".getBytes(), -1)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"form", "multipart", "protobuf", "jwt", "url", "xml", "plist"})
    void decodersNoCommonToolRedoesAloneGetNoCommand(String decoder) {
        assertThat(ShellCommands.of(decoder, decoder + ":x", "x=1".getBytes(), 0, 3)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "jsonl", "socketio", "signalr", "cbor", "msgpack"})
    void aFramingWithoutAKnownSpanGetsNoCommand(String decoder) {
        assertThat(ShellCommands.of(decoder, decoder + ":x", "abc".getBytes(), -1, -1)).isNull();
    }

    @org.junit.jupiter.api.Test
    void rawDeflateIsInflatedByPythonsZlibWithoutAHeader() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || onPath("python3"), "python3 is installed");
        byte[] text = "{\"q\":\"the value\"}".getBytes(StandardCharsets.UTF_8);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text);
        deflater.finish();
        byte[] buf = new byte[256];
        byte[] raw = java.util.Arrays.copyOf(buf, deflater.deflate(buf));
        deflater.end();

        String command = ShellCommands.of("deflate-raw", "deflate-raw", raw, -1, -1);

        assertThat(runBytes(command, raw)).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void theSliceCommandCutsAGrpcMessageOutOfItsFrames() throws Exception {
        byte[] frames = {0, 0, 0, 0, 3, 'a', 'b', 'c', 0, 0, 0, 0, 2, 'd', 'e'};

        assertThat(runBytes(ShellCommands.of("grpc", "grpc:message[1]", frames, 13, 15), frames))
                .isEqualTo("de".getBytes(StandardCharsets.UTF_8));
        assertThat(runBytes(ShellCommands.of("grpc", "grpc:message[0]", frames, 5, 8), frames))
                .isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(ShellCommands.of("jsonl", "jsonl:line[0]", frames, 0, 2)).isEqualTo("head -c 2");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] runBytes(String command, byte[] stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(command).isZero();
        return out;
    }

    private static String run(String command, byte[] stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
