package org.telltale.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.telltale.api.AnalysisResult;
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
import org.telltale.core.cross.CrossExchangeRun;
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
import org.telltale.store.CaseFile;
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
    private static final String INTERRUPTED = "interrupted";

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE",
            description = "HAR, pcap, pcapng or mitmproxy flow files, or one case file (telltale import).")
    private List<Path> captures = new ArrayList<>();

    @Option(names = "--canaries", paramLabel = "FILE", description = "The values you planted (YAML or JSON).")
    private Path canaryFile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json, jsonl (JSON lines, written as each exchange is analysed) or html (one "
                    + "self-contained page with the evidence of every finding) (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--no-cross-exchange", description = "Analyse in one pass: do not look for the hashes and "
            + "encodings of identifiers found in other requests, nor for IDs that reach several organisations.")
    private boolean noCrossExchange;

    /** A run that a signal can stop: one pass, or the two of a cross-exchange run. */
    @FunctionalInterface
    private interface Stoppable {
        boolean stop(String why, long millis) throws InterruptedException;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("text", "json", "jsonl", "html").contains(format)) {
            err.println("telltale: --format must be text, json, jsonl or html, not '" + Terminal.safe(format) + "'");
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
        HtmlCase htmlCase = null;
        try {
            if ("html".equals(format) && captures.stream().noneMatch(CaseFile::looksLikeCase)) {
                // The report shows each finding's request and layers, rebuilt from stored exchanges: the
                // captures go into a case of their own first, and the case's report is what is written.
                htmlCase = HtmlCase.importing(captures, canaryFile, inputFormat, !noProgress, err);
                if (htmlCase == null) {
                    return Main.BAD_INPUT;
                }
                captures = List.of(htmlCase.file());
            }
            fromCase = CaseAnalysis.open(captures, canaryFile, canaries);
            sources = fromCase != null ? fromCase.sources() : fileSources();
        } catch (CaseFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            HtmlCase.delete(htmlCase);
            return Main.BAD_INPUT;
        }
        try {
            return analyze(fromCase, sources, canaries, htmlCase, err);
        } finally {
            HtmlCase.delete(htmlCase);
        }
    }

    private int analyze(CaseAnalysis fromCase, List<? extends CaptureSource> sources, CanaryFile given, HtmlCase htmlCase,
                        PrintWriter err) throws IOException {
        CanaryFile canaries = fromCase != null ? fromCase.canaries() : given;
        BundledResolver datasets;
        try {
            datasets = data.open();
        } catch (IOException e) {
            err.println("telltale: attribution data cannot be read: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        // The tracker lists and the organisations' domains decide what is found (ad frames are not browsing
        // history, a site's sister domain is a first party), so they are read with or without
        // --no-attribution; the flag only drops the destination facts.
        Engine engine = Engine.build(EngineSpec.allComponents(canaries, datasets.versions()), datasets, datasets);
        DestinationResolver resolver = noAttribution ? DestinationResolver.NONE : datasets;
        int threads = Runtime.getRuntime().availableProcessors();
        Attributor attributor = new Attributor(resolver);
        // Who received a value comes from the datasets either way; with attribution shown it is the same
        // attributor, so the first pass attributes each destination once.
        Attributor owners = noAttribution ? new Attributor(datasets) : attributor;
        CrossExchangeRun twoPasses = noCrossExchange ? null
                : new CrossExchangeRun(engine.spec(), datasets, datasets, owners, attributor, threads);
        AnalysisRun onePass = twoPasses != null ? null : new AnalysisRun(engine, attributor, threads);
        Stoppable run = twoPasses != null ? twoPasses::stop : onePass::stop;
        Output out = new Output();
        AnalysisSink sink;
        try {
            sink = out.sink(canaries);
        } catch (IOException e) {
            err.println("telltale: cannot write " + Terminal.safe(e.getMessage()));
            if (fromCase != null) {
                fromCase.close();
            }
            return Main.BAD_INPUT;
        }
        AnalysisRun.Outcome outcome;
        Thread onSignal = new Thread(() -> stopOnSignal(run, err), "telltale-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            AnalysisSink to = fromCase != null ? fromCase.tee(sink, engine.spec(), datasets) : sink;
            outcome = twoPasses != null ? twoPasses.run(sources, to) : onePass.run(sources, to);
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
        if (outcome.failure() instanceof UncheckedIOException io) {
            err.println("telltale: cannot write the output: " + Terminal.safe(String.valueOf(io.getCause().getMessage()))
                    + "; what was written before is kept");
            return Main.BAD_INPUT;
        }
        if (outcome.stopped() != null) {
            err.println("telltale: stopped early (" + Terminal.safe(outcome.stopped()) + ") after " + outcome.flows()
                    + " exchanges read; what was found before is in the output" + (outcome.failure() instanceof OutOfMemoryError
                    ? "; give Java more memory (JAVA_TOOL_OPTIONS=-Xmx4g)" : ""));
            return outcome.failure() instanceof OutOfMemoryError ? Main.OUT_OF_MEMORY : Main.INTERNAL_ERROR;
        }
        for (Diagnostic d : out.fatal) {
            err.println("telltale: " + Terminal.safe(d.input()) + (d.origin() != null ? ": " + Terminal.safe(d.origin()) : "")
                    + ": " + Terminal.safe(d.message()));
        }
        if (out.html != null && !writeHtml(out.html, htmlCase, err)) {
            return Main.BAD_INPUT;
        }
        if (outcome.badInput() || htmlCase != null && htmlCase.badInput()) {
            return Main.BAD_INPUT;
        }
        return failOnFindings && outcome.findings() > 0 ? 1 : 0;
    }

    /** The HTML report of the case just analysed. */
    private boolean writeHtml(Writer html, HtmlCase htmlCase, PrintWriter err) {
        try (Writer w = html) {
            HtmlReports.write(htmlCase != null ? htmlCase.file() : captures.get(0),
                    htmlCase != null ? htmlCase.name() : null, w);
            return true;
        } catch (CaseFileException | IOException e) {
            err.println("telltale: cannot write the HTML report: " + Terminal.safe(String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** Ctrl-C or a kill: stop reading, let the sinks end what they hold, and say so. */
    private static void stopOnSignal(Stoppable run, PrintWriter err) {
        try {
            if (!run.stop(INTERRUPTED, 10_000)) {
                err.println("telltale: interrupted; the output could not be ended in time and may be incomplete");
                err.flush();
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

    /**
     * Where the result goes, in the chosen format, and the TLS secrets when asked. Everything is written
     * when the run ends, also when it ends early (a signal, the heap), so the text report and the
     * secrets file are complete up to where the run stopped. The files are opened before the run, so a
     * path that cannot be written is said at once.
     */
    private final class Output {
        private final List<Diagnostic> fatal = new ArrayList<>();
        /** Where the HTML report goes once the run has ended; null for the other formats. */
        private Writer html;

        AnalysisSink sink(CanaryFile canaries) throws IOException {
            Writer writer = open(output);
            Writer keys = tlsKeysFile == null ? null : open(tlsKeysFile);
            AnalysisSink report = switch (format) {
                case "json" -> new JsonDocumentSink(writer, Version.VALUE);
                case "jsonl" -> new JsonLinesSink(writer);
                case "html" -> {
                    html = writer;
                    yield new TeeSink(List.of());
                }
                default -> new ResultCollector(canaries, false, (result, stopped) -> writeText(result, stopped, writer));
            };
            return new TeeSink(List.of(report, new AnalysisSink() {
                private final List<TlsKeyLog> keyLogs = new ArrayList<>();

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
                    if (keys != null) {
                        saveTlsKeys(keyLogs, keys);
                    }
                }
            }));
        }

        private Writer open(Path file) throws IOException {
            if (file == null) {
                return new UnclosedWriter(spec.commandLine().getOut());
            }
            try {
                return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException(file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }
    }

    /** The text report, written when the run ends, early or not. */
    private static void writeText(AnalysisResult result, String stopped, Writer writer) {
        try (Writer w = writer) {
            new TextReport().render(result, w);
            if (stopped != null) {
                w.write("\nThe analysis stopped early (" + Terminal.safe(stopped) + "): this is what was found before.\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<FileCaptureSource> fileSources() {
        List<CaptureReader> readers = CaptureReaders.builtIn();
        return captures.stream().map(p -> new FileCaptureSource(p, readers, inputFormat, !noProgress)).toList();
    }

    private CanaryFile canaries() throws CanaryFileException {
        return CanaryFileOption.read(canaryFile);
    }

    private static void saveTlsKeys(List<TlsKeyLog> logs, Writer out) {
        try (Writer w = out) {
            for (TlsKeyLog k : logs) {
                w.write("# from " + k.input().replace('\n', ' ') + "\n" + k.keyLog());
                if (!k.keyLog().endsWith("\n")) {
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
