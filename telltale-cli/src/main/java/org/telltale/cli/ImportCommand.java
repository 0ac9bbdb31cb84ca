package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.report.Terminal;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code telltale import}: adds captures to a case, once each by content. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Adds captures to a case file (created when missing); a capture already in it adds nothing.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "HAR, pcap, pcapng or mitmproxy files, or other cases.")
    private List<Path> captures = new ArrayList<>();

    @Option(names = "--case", required = true, paramLabel = "FILE", description = "The case file.")
    private Path caseFile;

    @Option(names = "--canaries", paramLabel = "FILE", description = "Keep this canary file in the case for its analyses.")
    private Path canaryFile;

    @Option(names = "--keep-tls-secrets",
            description = "Also store the TLS secrets the captures carry (they decrypt the user's traffic).")
    private boolean keepTlsSecrets;

    @Option(names = "--input-format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto, har, pcap or mitm (default: recognised from the file).")
    private String inputFormat;

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    private boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = 0;
        try (CaseFile target = CaseFile.openOrCreate(caseFile)) {
            if (canaryFile != null) {
                byte[] content = Files.readAllBytes(canaryFile);
                target.canarySets().choose(canaryFile.toString(), content, CanaryFiles.parse(content, canaryFile.toString()));
            }
            CaptureImporter importer = new CaptureImporter(target, keepTlsSecrets, inputFormat, !noProgress, out, err, true);
            for (Path p : captures) {
                code = Math.max(code, importer.importPath(p));
            }
        } catch (CaseFileException | CanaryFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        } catch (IOException | StoreException e) {
            err.println("telltale: " + Terminal.safe(caseFile + ": " + e.getMessage()));
            return Main.BAD_INPUT;
        }
        return code;
    }

}
