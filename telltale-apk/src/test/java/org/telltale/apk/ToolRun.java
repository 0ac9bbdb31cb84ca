package org.telltale.apk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real tool the tests use as an oracle (androguard, javap, keytool, strings, gcc) and returns what
 * it printed, failing the test when the tool fails; its stderr goes to a file so warnings do not mix in.
 */
public final class ToolRun {
    private ToolRun() {
    }

    /** The tool's standard output, after it exited 0 within two minutes. */
    public static String stdout(Path workDir, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + ": still running after 2 minutes");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
