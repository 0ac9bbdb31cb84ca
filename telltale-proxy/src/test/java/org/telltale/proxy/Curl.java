package org.telltale.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real curl, as a device's HTTP client would be. */
public final class Curl {
    public static final Path CURL = Path.of("/usr/bin/curl");

    /** What curl did. */
    public record Result(int exit, byte[] body, String stderr) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Curl() {
    }

    public static boolean available() {
        return Files.isExecutable(CURL);
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    public static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CURL.toString(), "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("curl-out", ".bin");
        Path err = Files.createTempFile("curl-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("curl did not finish: " + command);
            }
            return new Result(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
