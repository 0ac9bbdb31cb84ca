package org.telltale.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Real programs the tests use as clients and oracles (curl, openssl, tshark). A machine without one
 * skips the tests that need it, so the README's test command passes on a bare machine; CI installs
 * them and sets {@code TELLTALE_ORACLES=required}, and there a missing one fails instead.
 */
public final class Oracles {
    private Oracles() {
    }

    /** Skips the calling test (or fails it where CI requires the tools) when the command is not on the PATH. */
    public static void need(String command) {
        need(command, onPath(command), "not installed");
    }

    /**
     * Skips the calling test, or fails it where CI requires the tools, when a tool cannot do what the
     * test needs of it here (tshark without the right to capture).
     */
    public static void need(String what, boolean usable, String why) {
        if (!usable && "required".equals(System.getenv("TELLTALE_ORACLES"))) {
            throw new AssertionError(what + ": " + why + ", and TELLTALE_ORACLES=required");
        }
        Assumptions.assumeTrue(usable, what + ": " + why + "; skipped");
    }

    /** Whether an executable of that name is on the PATH. */
    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }
}
