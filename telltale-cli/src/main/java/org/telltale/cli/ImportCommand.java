package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.telltale.api.CaptureException;
import org.telltale.core.CaptureSource;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.formats.CaptureReaders;
import org.telltale.report.Terminal;
import org.telltale.store.CaptureImport;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.StoredCapture;
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
            for (Path p : captures) {
                code = Math.max(code, importPath(target, p, out, err));
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

    /** One capture to import, whatever holds it; format null while the file's reader is not yet known. */
    private record Input(CaptureSource source, String format, long size) {
    }

    /** A capture file, or each capture of another case. */
    private int importPath(CaseFile target, Path p, PrintWriter out, PrintWriter err)
            throws CaseFileException, IOException {
        if (!CaseFile.looksLikeCase(p)) {
            CaptureSource file = new FileCaptureSource(p, CaptureReaders.builtIn(), inputFormat, !noProgress);
            return importOne(target, new Input(file, null, Files.isRegularFile(p) ? Files.size(p) : 0), out, err);
        }
        int code = 0;
        try (CaseFile from = CaseFile.open(p)) {
            for (StoredCapture c : from.captures().list()) {
                if (c.complete()) {
                    code = Math.max(code, importOne(target, new Input(new CaseCaptureSource(from, c), c.format(),
                            c.size()), out, err));
                }
            }
        }
        return code;
    }

    private int importOne(CaseFile target, Input in, PrintWriter out, PrintWriter err)
            throws IOException, CaseFileException {
        String name = in.source().name();
        try {
            String sha = in.source().sha256();
            String format = in.format() != null ? in.format() : ((FileCaptureSource) in.source()).format();
            if (sha == null) {
                throw new CaptureException(null, "no such file");
            }
            try (CaptureImport imp = target.importCapture(new CaptureImport.Capture(name, sha, in.size(), format),
                    keepTlsSecrets)) {
                if (imp == null) {
                    out.println(Terminal.safe(name) + ": already in the case");
                    return 0;
                }
                try {
                    in.source().read(imp);
                    imp.finish();
                } catch (CaptureException e) {
                    imp.failed(e.place(), e.getMessage());
                    throw e;
                }
                out.println(Terminal.safe(name) + ": " + imp.exchanges() + " exchanges added");
            }
            return 0;
        } catch (CaptureException e) {
            err.println("telltale: " + Terminal.safe(name) + (e.place() != null ? ": " + Terminal.safe(e.place()) : "")
                    + ": " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
    }
}
