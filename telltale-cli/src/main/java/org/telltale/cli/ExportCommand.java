package org.telltale.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.telltale.api.AnalysisSink;
import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.formats.har.HarExport;
import org.telltale.report.JsonDocumentSink;
import org.telltale.report.JsonLinesSink;
import org.telltale.report.Terminal;
import org.telltale.report.UnclosedWriter;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.StoredCapture;
import org.telltale.store.StoredRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code telltale export}: a case's exchanges as HAR, or its latest run as JSON lines or one JSON document. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Writes a case's exchanges as HAR 1.2, or its latest analysis as JSON lines or JSON.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE", description = "The case file.")
    private Path file;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "har (the exchanges), jsonl or json (the latest run's results).")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    private Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("har", "jsonl", "json").contains(format)) {
            err.println("telltale: --format must be har, jsonl or json, not '" + Terminal.safe(format) + "'");
            return Main.BAD_INPUT;
        }
        try (CaseFile c = CaseFile.open(file)) {
            if (format.equals("har")) {
                har(c);
                return 0;
            }
            StoredRun latest = c.runs().latest();
            if (latest == null) {
                err.println("telltale: " + Terminal.safe(file.toString()) + ": no finished analysis yet (telltale analyze "
                        + Terminal.safe(file.toString()) + ")");
                return Main.BAD_INPUT;
            }
            Writer w = writer();
            AnalysisSink sink = format.equals("json") ? new JsonDocumentSink(w, Version.VALUE) : new JsonLinesSink(w);
            c.runs().replay(latest, sink);
            return 0;
        } catch (CaseFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            err.println("telltale: " + Terminal.safe(file + ": " + e.getMessage()));
        }
        return Main.BAD_INPUT;
    }

    /** Every capture's exchanges, in import order; what a capture's reader could not read is not there to export. */
    private void har(CaseFile c) throws IOException, CaseFileException {
        try (HarExport har = new HarExport(writer(), Version.VALUE)) {
            CaptureSink entries = new CaptureSink() {
                @Override
                public void observe(Observation o) {
                    if (o instanceof Exchange e) {
                        try {
                            har.write(e);
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    }
                }

                @Override
                public void diagnostic(String origin, String message) {
                }
            };
            for (StoredCapture k : c.captures().list()) {
                try {
                    c.captures().read(k, entries);
                } catch (CaptureException e) {
                    // the capture stopped early on import; its exchanges up to there are exported
                }
            }
        }
    }

    private Writer writer() throws IOException {
        return output == null ? new UnclosedWriter(spec.commandLine().getOut())
                : new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(output), 1 << 16),
                        StandardCharsets.UTF_8);
    }
}
