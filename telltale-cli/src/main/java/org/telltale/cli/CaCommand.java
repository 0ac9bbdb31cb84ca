package org.telltale.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.telltale.proxy.CertificateAuthority;
import org.telltale.report.Terminal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code telltale ca export}: the recorder's certificate, to install on a device by hand. */
@Command(name = "ca", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The certificate authority telltale record signs its certificates with (made on first use, "
                + "under ~/.telltale/ca, its key readable by you only).",
        subcommands = {CaCommand.Export.class})
final class CaCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.BAD_INPUT;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Writes the CA certificate (never its key), PEM or DER, to a file or standard output.")
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--format", defaultValue = "pem", paramLabel = "pem|der",
                description = "pem (text; most tools, iOS) or der (binary; Android's installer). Default: ${DEFAULT-VALUE}.")
        private String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
        private Path output;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!"pem".equals(format) && !"der".equals(format)) {
                err.println("telltale: --format must be pem or der, not '" + Terminal.safe(format) + "'");
                return Main.BAD_INPUT;
            }
            if (output == null && "der".equals(format) && System.console() != null) {
                err.println("telltale: DER is binary; write it to a file with -o telltale-ca.crt");
                return Main.BAD_INPUT;
            }
            CertificateAuthority ca;
            try {
                ca = CertificateAuthority.loadOrCreate(TelltaleHome.ca());
            } catch (IOException | RuntimeException e) {
                err.println("telltale: " + Terminal.safe(TelltaleHome.ca().toString()) + ": cannot load or create the "
                        + "certificate authority: " + Terminal.safe(String.valueOf(e.getMessage())));
                return Main.BAD_INPUT;
            }
            byte[] bytes = "der".equals(format) ? ca.der() : ca.pem();
            try {
                if (output == null && "pem".equals(format)) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.print(new String(bytes, StandardCharsets.US_ASCII));
                    out.flush();
                } else if (output == null) {
                    OutputStream raw = System.out;
                    raw.write(bytes);
                    raw.flush();
                } else {
                    Files.write(output, bytes);
                }
                return 0;
            } catch (IOException e) {
                err.println("telltale: cannot write " + Terminal.safe(String.valueOf(output)) + ": "
                        + Terminal.safe(String.valueOf(e.getMessage())));
                return Main.BAD_INPUT;
            }
        }
    }
}
