package org.telltale.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.telltale.report.Terminal;
import org.telltale.report.UnclosedWriter;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code telltale report}: a case's latest analysis as one HTML file that works offline. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Writes the case's latest analysis as one self-contained HTML file: the story, pictures, "
                + "folded findings and the evidence of each, layer by layer.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE", description = "The case file (telltale import, then telltale analyze).")
    private Path caseFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of standard output.")
    private Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!CaseFile.looksLikeCase(caseFile)) {
            err.println("telltale: " + Terminal.safe(caseFile.toString()) + ": not a case file; make one with telltale import");
            return Main.BAD_INPUT;
        }
        Path partial = null;
        try {
            Writer out;
            if (output == null) {
                out = new UnclosedWriter(spec.commandLine().getOut());
            } else {
                // Written beside the target and moved into place, so a failed run never leaves half a report.
                Path dir = output.toAbsolutePath().getParent();
                partial = Files.createTempFile(dir, ".telltale-report-", ".part");
                out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8));
            }
            try (Writer w = out) {
                HtmlReports.write(caseFile, null, w);
            }
            if (partial != null) {
                Files.move(partial, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                partial = null;
                spec.commandLine().getOut().println("Report written to " + Terminal.safe(output.toString()));
            }
            return 0;
        } catch (CaseFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        } catch (IOException e) {
            err.println("telltale: cannot write " + Terminal.safe(String.valueOf(output)) + ": " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // a leftover temporary file is all that remains
                }
            }
        }
    }
}
