package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.telltale.api.CanaryFile;
import org.telltale.api.DestinationResolver;
import org.telltale.attribute.BundledResolver;
import org.telltale.batch.BatchInputException;
import org.telltale.batch.BatchRun;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.report.Terminal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code telltale batch}: many captures into Parquet tables, the same tables the Spark job writes. */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Analyses captures and folders of captures into Parquet tables (captures, flows, findings, "
                + "destinations, errors, aggregates); captures analysed before with the same canaries and data are skipped.")
final class BatchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Capture files, or folders searched for them.")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the tables are written (and read from, to skip what was analysed).")
    private Path out;

    @Option(names = "--canaries", paramLabel = "FILE",
            description = "The values you planted, for every capture without its own CAPTURE.canaries.yaml or .json beside it.")
    private Path canaryFile;

    @Option(names = "--again", description = "Analyse every capture, also those analysed before with the same canaries and data.")
    private boolean again;

    @Option(names = "--threads", paramLabel = "N", description = "Captures analysed at once (default: the machine's cores).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-attribution", description = "Do not say who is behind each destination.")
    private boolean noAttribution;

    @Mixin
    private DataDirectoryOption data = new DataDirectoryOption();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        CanaryFile canaries;
        BundledResolver datasets;
        try {
            canaries = canaries();
            datasets = data.open();
        } catch (CanaryFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        } catch (IOException e) {
            err.println("telltale: attribution data cannot be read: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        BatchRun.Summary s;
        try {
            s = new BatchRun(datasets, datasets, noAttribution ? DestinationResolver.NONE : datasets, datasets.versions(), threads)
                    .run(inputs, out, canaries, again);
        } catch (BatchInputException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        spec.commandLine().getOut().println(s.run() == null
                ? "telltale: nothing to analyse: " + s.skipped() + " captures were analysed before (--again analyses them again)"
                : "telltale: run " + s.run() + ": " + s.analysed() + " captures analysed (" + s.flows() + " flows, "
                        + s.findings() + " findings), " + s.skipped() + " analysed before and skipped, " + s.unreadable()
                        + " not readable to their end (see the errors table); tables in " + out);
        return 0;
    }

    private CanaryFile canaries() throws CanaryFileException {
        return CanaryFileOption.read(canaryFile);
    }
}
