package org.telltale.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.telltale.api.AnalysisSink;
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureReader;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;
import org.telltale.attribute.BundledResolver;
import org.telltale.core.CaptureSource;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;
import org.telltale.core.run.ResultCollector;
import org.telltale.core.run.TeeSink;
import org.telltale.formats.CaptureReaders;
import org.telltale.report.JsonDocumentSink;
import org.telltale.report.JsonLinesSink;
import org.telltale.report.Terminal;
import org.telltale.report.TextReport;
import org.telltale.report.UnclosedWriter;
import org.telltale.store.CaseFileException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code telltale analyze}: what the captures sent about the user, and to whom. */
@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds the personal data that captures send out, through any layering of encodings.")
final class AnalyzeCommand implements Callable<Integer> {
    /** The largest canary file read; a bigger one is refused before parsing. */
    private static final long MAX_CANARY_FILE = 10L << 20;
    private static final String INTERRUPTED = "interrupted";

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE",
            description = "HAR, pcap, pcapng or mitmproxy flow files, or one case file (telltale import).")
    private List<Path> captures = new ArrayList<>();

    @Option(names = "--canaries", paramLabel = "FILE", description = "The values you planted (YAML or JSON).")
    private Path canaryFile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json or jsonl (JSON lines, written as each exchange is analysed) (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of standard output.")
    private Path output;

    @Option(names = "--input-format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto, har, pcap or mitm (default: recognised from the file).")
    private String inputFormat;

    @Mixin
    private DataDirectoryOption data = new DataDirectoryOption();

    @Option(names = "--no-attribution", description = "Do not say who is behind each destination.")
    private boolean noAttribution;

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    private boolean noProgress;

    @Option(names = "--save-tls-keys", paramLabel = "FILE",
            description = "Write the TLS secrets found in the captures (pcapng) to FILE, in the NSS key log format.")
    private Path tlsKeysFile;

    @Option(names = "--fail-on-findings", description = "Exit with 1 when anything leaked.")
    private boolean failOnFindings;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("text", "json", "jsonl").contains(format)) {
            err.println("telltale: --format must be text, json or jsonl, not '" + Terminal.safe(format) + "'");
            return Main.BAD_INPUT;
        }
        CanaryFile canaries;
        try {
            canaries = canaries();
        } catch (CanaryFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        CaseAnalysis fromCase;
        List<? extends CaptureSource> sources;
        try {
            fromCase = CaseAnalysis.open(captures, canaryFile, canaries);
            sources = fromCase != null ? fromCase.sources() : fileSources();
        } catch (CaseFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        canaries = fromCase != null ? fromCase.canaries() : canaries;
        BundledResolver datasets;
        try {
            datasets = data.open();
        } catch (IOException e) {
            err.println("telltale: attribution data cannot be read: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        // The tracker lists decide what is found (ad frames are not browsing history), so they are read
        // with or without --no-attribution; the flag only drops the destination facts.
        Engine engine = Engine.build(EngineSpec.allComponents(canaries, datasets.versions()), datasets);
        DestinationResolver resolver = noAttribution ? DestinationResolver.NONE : datasets;
        AnalysisRun run = new AnalysisRun(engine, new Attributor(resolver), Runtime.getRuntime().availableProcessors());
        Output out = new Output();
        AnalysisRun.Outcome outcome;
        Thread onSignal = new Thread(() -> stopOnSignal(run, err), "telltale-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            AnalysisSink sink = out.sink(canaries);
            outcome = run.run(sources, fromCase != null ? fromCase.tee(sink, engine.spec(), datasets) : sink);
        } catch (OutOfMemoryError e) {
            outcome = new AnalysisRun.Outcome(0, 0, false, "out of memory", e);
        } finally {
            removeHook(onSignal);
            if (fromCase != null) {
                fromCase.close();
            }
        }
        if (INTERRUPTED.equals(outcome.stopped())) {
            return Main.INTERRUPTED; // the signal's hook says so, once
        }
        if (outcome.stopped() != null) {
            err.println("telltale: stopped early (" + Terminal.safe(outcome.stopped()) + ") after " + outcome.flows()
                    + " exchanges; what was found before is in the output" + (outcome.failure() instanceof OutOfMemoryError
                    ? "; give Java more memory (JAVA_TOOL_OPTIONS=-Xmx4g)" : ""));
            return outcome.failure() instanceof OutOfMemoryError ? Main.OUT_OF_MEMORY : Main.INTERNAL_ERROR;
        }
        out.finish();
        for (Diagnostic d : out.fatal) {
            err.println("telltale: " + Terminal.safe(d.input()) + (d.origin() != null ? ": " + Terminal.safe(d.origin()) : "")
                    + ": " + Terminal.safe(d.message()));
        }
        if (outcome.badInput()) {
            return Main.BAD_INPUT;
        }
        return failOnFindings && outcome.findings() > 0 ? 1 : 0;
    }

    /** Ctrl-C or a kill: stop reading, let the sinks end what they hold, and say so. */
    private static void stopOnSignal(AnalysisRun run, PrintWriter err) {
        try {
            if (!run.stop(INTERRUPTED, 10_000)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("telltale: interrupted; what was found before is in the output");
        err.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and ends the output itself.
        }
    }

    /** Where the result goes, in the chosen format, and the TLS secrets when asked. */
    private final class Output {
        private Writer writer;
        private ResultCollector collector;
        private final List<Diagnostic> fatal = new ArrayList<>();
        private final List<TlsKeyLog> keyLogs = new ArrayList<>();

        AnalysisSink sink(CanaryFile canaries) throws IOException {
            writer = output == null ? new UnclosedWriter(spec.commandLine().getOut())
                    : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
            AnalysisSink report = switch (format) {
                case "json" -> new JsonDocumentSink(writer, Version.VALUE);
                case "jsonl" -> new JsonLinesSink(writer);
                default -> collector = new ResultCollector(canaries, false);
            };
            return new TeeSink(List.of(report, new AnalysisSink() {
                @Override
                public void exchange(ExchangeAnalysis analysis) {
                }

                @Override
                public void opaque(OpaqueFlow flow) {
                }

                @Override
                public void tlsKeyLog(TlsKeyLog log) {
                    keyLogs.add(log);
                }

                @Override
                public void end(List<Diagnostic> diagnostics, String stopped) {
                    diagnostics.stream().filter(Diagnostic::fatal).forEach(fatal::add);
                }
            }));
        }

        /** The text report is written once everything is in; the streaming formats are already complete. */
        void finish() throws IOException {
            if (collector != null) {
                new TextReport().render(collector.result(), writer);
                writer.close();
            }
            if (tlsKeysFile != null) {
                saveTlsKeys(keyLogs);
            }
        }
    }


    private List<FileCaptureSource> fileSources() {
        List<CaptureReader> readers = CaptureReaders.builtIn();
        return captures.stream().map(p -> new FileCaptureSource(p, readers, inputFormat, !noProgress)).toList();
    }

    private CanaryFile canaries() throws CanaryFileException {
        if (canaryFile == null) {
            return CanaryFile.EMPTY;
        }
        try {
            if (Files.size(canaryFile) > MAX_CANARY_FILE) {
                throw new CanaryFileException(canaryFile + ": larger than 10 MB; is this really a canary file?");
            }
            return CanaryFiles.parse(Files.readAllBytes(canaryFile), canaryFile.toString());
        } catch (IOException e) {
            throw new CanaryFileException(canaryFile + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private void saveTlsKeys(List<TlsKeyLog> logs) throws IOException {
        StringBuilder keys = new StringBuilder();
        for (TlsKeyLog k : logs) {
            keys.append("# from ").append(k.input().replace('\n', ' ')).append('\n').append(k.keyLog());
            if (!k.keyLog().endsWith("\n")) {
                keys.append('\n');
            }
        }
        Files.writeString(tlsKeysFile, keys, StandardCharsets.UTF_8);
    }
}
