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

import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureReader;
import org.telltale.api.Diagnostic;
import org.telltale.api.DestinationResolver;
import org.telltale.api.TlsKeyLog;
import org.telltale.core.Analysis;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.formats.CaptureReaders;
import org.telltale.report.JsonReport;
import org.telltale.report.ReportRenderer;
import org.telltale.report.Terminal;
import org.telltale.report.TextReport;

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

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "HAR, pcap, pcapng or mitmproxy flow files.")
    private List<Path> captures = new ArrayList<>();

    @Option(names = "--canaries", paramLabel = "FILE", description = "The values you planted (YAML or JSON).")
    private Path canaryFile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
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
        ReportRenderer renderer = renderer();
        if (renderer == null) {
            err.println("telltale: --format must be text or json, not '" + Terminal.safe(format) + "'");
            return Main.BAD_INPUT;
        }
        CanaryFile canaries;
        try {
            canaries = canaries();
        } catch (CanaryFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        List<CaptureReader> readers = CaptureReaders.builtIn();
        List<FileCaptureSource> sources = captures.stream()
                .map(p -> new FileCaptureSource(p, readers, inputFormat, !noProgress)).toList();
        DestinationResolver resolver;
        try {
            resolver = resolver();
        } catch (IOException e) {
            err.println("telltale: attribution data cannot be read: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        AnalysisResult result = Analysis.withBuiltIns(canaries, resolver).run(sources);
        write(renderer, result);
        if (tlsKeysFile != null) {
            saveTlsKeys(result);
        }
        for (Diagnostic d : result.diagnostics()) {
            if (d.fatal()) {
                err.println("telltale: " + Terminal.safe(d.input()) + (d.origin() != null ? ": " + Terminal.safe(d.origin()) : "")
                        + ": " + Terminal.safe(d.message()));
            }
        }
        if (result.hadBadInput()) {
            return Main.BAD_INPUT;
        }
        return failOnFindings && !result.findings().isEmpty() ? 1 : 0;
    }

    private ReportRenderer renderer() {
        return switch (format) {
            case "text" -> new TextReport();
            case "json" -> new JsonReport(Version.VALUE);
            default -> null;
        };
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

    private DestinationResolver resolver() throws IOException {
        if (noAttribution) {
            return DestinationResolver.NONE;
        }
        return data.open();
    }

    private void saveTlsKeys(AnalysisResult result) throws IOException {
        StringBuilder keys = new StringBuilder();
        for (TlsKeyLog k : result.tlsKeyLogs()) {
            keys.append("# from ").append(k.input().replace('\n', ' ')).append('\n').append(k.keyLog());
            if (!k.keyLog().endsWith("\n")) {
                keys.append('\n');
            }
        }
        Files.writeString(tlsKeysFile, keys, StandardCharsets.UTF_8);
    }

    private void write(ReportRenderer renderer, AnalysisResult result) throws IOException {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            renderer.render(result, out);
            out.flush();
            return;
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
            renderer.render(result, w);
        }
    }
}
