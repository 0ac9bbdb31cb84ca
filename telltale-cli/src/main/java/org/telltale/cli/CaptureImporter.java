package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.telltale.api.CaptureException;
import org.telltale.core.CaptureSource;
import org.telltale.formats.CaptureReaders;
import org.telltale.report.Terminal;
import org.telltale.store.CaptureImport;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.StoredCapture;

/** Adds captures (files, or the captures of other cases) to a case, once each by content; for import and for HTML reports of captures. */
final class CaptureImporter {
    private final CaseFile target;
    private final boolean keepTlsSecrets;
    private final String inputFormat;
    private final boolean progress;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean sayDamage;

    /**
     * @param sayDamage whether a capture damaged part-way is said on err; its good part is imported either way
     */
    CaptureImporter(CaseFile target, boolean keepTlsSecrets, String inputFormat, boolean progress, PrintWriter out,
                    PrintWriter err, boolean sayDamage) {
        this.sayDamage = sayDamage;
        this.target = target;
        this.keepTlsSecrets = keepTlsSecrets;
        this.inputFormat = inputFormat;
        this.progress = progress;
        this.out = out;
        this.err = err;
    }

    /** One capture to import, whatever holds it; format null while the file's reader is not yet known. */
    private record Input(CaptureSource source, String format, long size) {
    }

    /** A capture file, or each capture of another case. */
    int importPath(Path p)
            throws CaseFileException, IOException {
        if (!CaseFile.looksLikeCase(p)) {
            CaptureSource file = new FileCaptureSource(p, CaptureReaders.builtIn(), inputFormat, progress);
            return importOne(new Input(file, null, Files.isRegularFile(p) ? Files.size(p) : 0));
        }
        int code = 0;
        try (CaseFile from = CaseFile.open(p)) {
            for (StoredCapture c : from.captures().list()) {
                if (c.analysable()) {
                    code = Math.max(code, importOne(new Input(new CaseCaptureSource(from, c), c.format(), c.size())));
                }
            }
        }
        return code;
    }

    private int importOne(Input in)
            throws IOException, CaseFileException {
        String name = in.source().name();
        try {
            String sha = in.source().sha256();
            if (sha == null) {
                throw new CaptureException(null, "no such file");
            }
            String format = in.format() != null ? in.format() : ((FileCaptureSource) in.source()).format();
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
                    if (!sayDamage) {
                        return Main.BAD_INPUT; // the analysis of the case says it, with the place
                    }
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
