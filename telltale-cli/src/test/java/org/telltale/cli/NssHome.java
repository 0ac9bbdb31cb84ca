package org.telltale.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A home folder for Chromium whose NSS database trusts one certificate authority, the way a person
 * installs Telltale's CA for Chromium on Linux: {@code certutil} (Debian's libnss3-tools) makes the
 * database {@code ~/.pki/nssdb} and adds the CA as trusted to identify servers ({@code -t "C,,"}).
 * Chromium reads it when it is started with HOME set to this folder; nothing else is trusted beyond
 * what Chromium trusts anyway, and no certificate error is ignored.
 */
final class NssHome {
    private static final Path CERTUTIL = Path.of("/usr/bin/certutil");

    private NssHome() {
    }

    /** Makes the home folder with its database trusting the CA (PEM) under the given nickname. */
    static Path trusting(Path home, Path caPem, String nickname) throws IOException, InterruptedException {
        Browser.requireTool(CERTUTIL, "libnss3-tools");
        Path db = Files.createDirectories(home.resolve(".pki/nssdb"));
        certutil("-d", "sql:" + db, "-N", "--empty-password");
        certutil("-d", "sql:" + db, "-A", "-t", "C,,", "-n", nickname, "-i", caPem.toString());
        String listed = certutil("-d", "sql:" + db, "-L");
        if (!listed.contains(nickname)) {
            throw new IOException("certutil did not list " + nickname + ":\n" + listed);
        }
        return home;
    }

    private static String certutil(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CERTUTIL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
