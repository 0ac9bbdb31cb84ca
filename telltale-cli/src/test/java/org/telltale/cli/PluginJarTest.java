package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.CanaryFile;
import org.telltale.api.Decoder;
import org.telltale.api.Exchange;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.Step;
import org.telltale.api.TrackerHosts;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.FlowKey;
import org.telltale.core.Replay;
import org.telltale.testkit.ExchangeBuilder;

/**
 * A plug-in jar, compiled and packed here from source the way a third party would ship it, adds a
 * decoder and a detector that the engine, the spec's name lists and replay use exactly like built-ins,
 * and only when the plug-in's class loader is handed to them.
 */
class PluginJarTest {
    private static final String PACKAGE = "com.example.telltale.plugin";

    private static final String ROT13_DECODER = """
            package com.example.telltale.plugin;

            import java.nio.charset.StandardCharsets;
            import java.util.List;
            import org.telltale.api.DecodeLimits;
            import org.telltale.api.Decoder;
            import org.telltale.api.Payload;

            /** Bodies that start with "ROT13:" and then carry rot13'd text. */
            public final class Rot13Decoder implements Decoder {
                private static final byte[] PREFIX = "ROT13:".getBytes(StandardCharsets.US_ASCII);

                @Override
                public String name() {
                    return "rot13";
                }

                @Override
                public double fit(Payload payload) {
                    byte[] d = payload.data();
                    if (d.length < PREFIX.length) {
                        return -1;
                    }
                    for (int i = 0; i < PREFIX.length; i++) {
                        if (d[i] != PREFIX[i]) {
                            return -1;
                        }
                    }
                    return 10;
                }

                @Override
                public List<Payload> decode(Payload payload, DecodeLimits limits) {
                    byte[] in = payload.data();
                    byte[] out = new byte[in.length - PREFIX.length];
                    for (int i = 0; i < out.length; i++) {
                        int c = in[PREFIX.length + i];
                        if (c >= 'a' && c <= 'z') {
                            c = 'a' + (c - 'a' + 13) % 26;
                        } else if (c >= 'A' && c <= 'Z') {
                            c = 'A' + (c - 'A' + 13) % 26;
                        }
                        out[i] = (byte) c;
                    }
                    return List.of(payload.child("rot13", out));
                }
            }
            """;

    private static final String EMPLOYEE_ID_DETECTOR = """
            package com.example.telltale.plugin;

            import java.nio.charset.StandardCharsets;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.regex.Matcher;
            import java.util.regex.Pattern;
            import org.telltale.api.Confidence;
            import org.telltale.api.Detection;
            import org.telltale.api.Detector;
            import org.telltale.api.NodeContext;

            /** A company's employee numbers: "EMP-" and six digits. */
            public final class EmployeeIdDetector implements Detector {
                private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])EMP-[0-9]{6}(?![0-9])");

                @Override
                public String name() {
                    return "employee_id";
                }

                @Override
                public List<Detection> detect(NodeContext node) {
                    // The context's text maps each byte to one char, so string offsets are byte offsets.
                    Matcher m = ID.matcher(node.text());
                    List<Detection> out = new ArrayList<>();
                    while (m.find()) {
                        out.add(new Detection(null, "employee_id", m.group(), m.group(), "plain", Confidence.HIGH,
                                m.start(), m.end()));
                    }
                    return out;
                }
            }
            """;

    private static final String SECRET = "employee EMP-123456 was here";

    @TempDir
    Path dir;

    private URLClassLoader plugin;

    @BeforeEach
    void buildAndLoadThePluginJar() throws Exception {
        Path jar = pluginJar();
        plugin = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    }

    @AfterEach
    void closeThePlugin() throws IOException {
        plugin.close();
    }

    @Test
    void theSpecNamesThePluginsDecoderAndDetectorOnlyWhenThePluginIsLoaded() {
        EngineSpec without = EngineSpec.allComponents(CanaryFile.EMPTY, Map.of());
        EngineSpec with = EngineSpec.allComponents(CanaryFile.EMPTY, Map.of(), plugin);

        assertThat(without.decoders()).isNotEmpty().doesNotContain("rot13");
        assertThat(without.detectors()).isNotEmpty().doesNotContain("employee_id");
        // Built-ins first, in their order, then the plug-in's names: nothing missing, nothing extra.
        assertThat(with.decoders()).isEqualTo(plus(without.decoders(), "rot13"));
        assertThat(with.detectors()).isEqualTo(plus(without.detectors(), "employee_id"));
    }

    @Test
    void thePluginsDetectorFindsAnEmployeeIdInsideThePluginsDecodedLayer() throws Exception {
        EngineSpec spec = EngineSpec.allComponents(CanaryFile.EMPTY, Map.of(), plugin);
        Exchange exchange = rot13Exchange();

        ExchangeAnalysis analysis = Engine.build(spec, TrackerHosts.NONE, plugin).analyze(key(), exchange);

        List<Finding> ids = analysis.findings().stream().filter(f -> f.kind().equals("employee_id")).toList();
        assertThat(ids).hasSize(1);
        Finding f = ids.get(0);
        assertThat(f.location().text()).isEqualTo("request.body");
        assertThat(f.path()).containsExactly("rot13");
        Step step = f.steps().get(0);
        assertThat(step.decoder()).isEqualTo("rot13");
        assertThat(step.index()).isZero();
        assertThat(f.matched()).isEqualTo("EMP-123456");
        assertThat(f.value()).isEqualTo("EMP-123456");
        assertThat(f.start()).isEqualTo(SECRET.indexOf("EMP-"));
        assertThat(f.end()).isEqualTo(SECRET.indexOf("EMP-") + "EMP-123456".length());

        // Replay, built from the same spec and class loader, redoes the plug-in's layer by hand.
        List<Replay.Layer> layers = new Replay(spec, plugin).layers(exchange, f.location(), f.steps());
        assertThat(layers).hasSize(2);
        assertThat(layers.get(0).step()).isNull();
        assertThat(text(layers.get(0).node().data())).isEqualTo("ROT13:" + rot13(SECRET));
        assertThat(layers.get(1).step()).isEqualTo(step);
        String decoded = text(layers.get(1).node().data());
        assertThat(decoded).isEqualTo(SECRET);
        assertThat(decoded.substring(f.start(), f.end())).isEqualTo(f.matched());
    }

    @Test
    void withoutThePluginTheSameExchangeHasNoEmployeeIdAndNoRot13Layer() {
        EngineSpec spec = EngineSpec.allComponents(CanaryFile.EMPTY, Map.of());

        ExchangeAnalysis analysis = Engine.build(spec, TrackerHosts.NONE).analyze(key(), rot13Exchange());

        assertThat(analysis.findings()).noneMatch(f -> f.kind().equals("employee_id"));
        assertThat(analysis.findings()).noneMatch(f -> f.path().contains("rot13"));
    }

    @Test
    void aSpecThatNamesThePluginCannotBeBuiltOrReplayedWithoutIt() throws Exception {
        EngineSpec spec = EngineSpec.allComponents(CanaryFile.EMPTY, Map.of(), plugin);
        Exchange exchange = rot13Exchange();
        Finding f = Engine.build(spec, TrackerHosts.NONE, plugin).analyze(key(), exchange).findings().stream()
                .filter(x -> x.kind().equals("employee_id")).findFirst().orElseThrow();

        assertThatThrownBy(() -> Engine.build(spec, TrackerHosts.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rot13");
        assertThatThrownBy(() -> new Replay(spec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rot13");
        EngineSpec builtIns = EngineSpec.allComponents(CanaryFile.EMPTY, Map.of());
        assertThatThrownBy(() -> new Replay(builtIns).layers(exchange, f.location(), f.steps()))
                .isInstanceOf(Replay.ReplayException.class).hasMessageContaining("rot13");
    }

    private static Exchange rot13Exchange() {
        return ExchangeBuilder.post("https://hr.example/upload").header("Content-Type", "text/plain")
                .body("ROT13:" + rot13(SECRET)).build();
    }

    private static FlowKey key() {
        return new FlowKey(0, FlowKey.id("0".repeat(64), "entry 1"), "plugin-test");
    }

    private static List<String> plus(List<String> names, String extra) {
        List<String> out = new ArrayList<>(names);
        out.add(extra);
        return out;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The test's own rot13, independent of the plug-in's. */
    private static String rot13(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (Character.isLetter(c) && c < 128) {
                char base = Character.isUpperCase(c) ? 'A' : 'a';
                c = (char) (base + (c - base + 13) % 26);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Compiles the plug-in against the API on the test class path and packs it with its service files. */
    private Path pluginJar() throws IOException, URISyntaxException {
        Path src = Files.createDirectories(dir.resolve("src").resolve(PACKAGE.replace('.', '/')));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
                "-classpath", Path.of(Decoder.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString(),
                "-d", classes.toString()));
        args.add(Files.writeString(src.resolve("Rot13Decoder.java"), ROT13_DECODER).toString());
        args.add(Files.writeString(src.resolve("EmployeeIdDetector.java"), EMPLOYEE_ID_DETECTOR).toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler (tests need a JDK, not a JRE)").isNotNull();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path jar = dir.resolve("employee-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path c : files.filter(Files::isRegularFile).sorted().toList()) {
                    entry(out, classes.relativize(c).toString().replace('\\', '/'), Files.readAllBytes(c));
                }
            }
            entry(out, "META-INF/services/org.telltale.api.Decoder",
                    (PACKAGE + ".Rot13Decoder\n").getBytes(StandardCharsets.UTF_8));
            entry(out, "META-INF/services/org.telltale.api.Detector",
                    (PACKAGE + ".EmployeeIdDetector\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void entry(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
