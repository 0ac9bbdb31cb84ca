package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.telltale.api.DestinationResolver;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CaseLinks;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.scan.AppScanner;
import org.telltale.apk.scan.CaseLinker;
import org.telltale.apk.scan.ScanInputs;
import org.telltale.apk.trackers.TrackerCatalogue;
import org.telltale.report.UnclosedWriter;
import org.telltale.report.scan.ScanJson;
import org.telltale.report.scan.ScanText;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.CodeScans;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code telltale scan}: which tracking code apps and firmware images carry, how far each app's code
 * goes to it, and which servers the code names. Wiring only: reading and judging are telltale-apk's,
 * rendering telltale-report's, the case telltale-store's.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan APKs (split APKs, .apks/.xapk, .aab), JARs/AARs, folders of them or firmware images for",
                "tracker SDKs (the Exodus Privacy list and Telltale's own) and the servers their code names."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "an app, a folder of apps, or a firmware image")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write there instead of standard output")
    Path output;

    @Option(names = "--case", paramLabel = "FILE",
            description = "store the scan in this case and put it next to the case's captured traffic")
    Path caseFile;

    @Option(names = "--no-attribution", description = "Do not say who is behind each server named.")
    boolean noAttribution;

    @Mixin
    DataDirectoryOption data = new DataDirectoryOption();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("unknown format '" + format + "': use text or json");
            return 2;
        }
        DestinationResolver resolver;
        try {
            resolver = noAttribution ? DestinationResolver.NONE : data.open();
        } catch (IOException e) {
            err.println("cannot open the attribution datasets: " + e.getMessage());
            return 2;
        }
        CaseFile kase = null;
        if (caseFile != null) {
            try {
                kase = CaseFile.openOrCreate(caseFile);
            } catch (CaseFileException e) {
                err.println(e.getMessage());
                return 2;
            }
        }
        Path temp = Files.createTempDirectory("telltale-scan");
        boolean[] bad = {false};
        boolean outOfMemory = false;
        try (PrintWriter out = new PrintWriter(output == null ? new UnclosedWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, java.nio.charset.StandardCharsets.UTF_8))) {
            AppScanner scanner = new AppScanner(CodeLimits.DEFAULT, TrackerCatalogue.bundled(), resolver);
            ScanInputs reader = new ScanInputs(scanner, temp, new PartitionProgress(err), (place, reason) -> {
                err.println(place + ": " + reason);
                bad[0] = true;
            });
            JsonGenerator json = format.equals("json") ? new JsonFactory().createGenerator(out).useDefaultPrettyPrinter() : null;
            if (json != null) {
                json.writeStartObject();
                json.writeArrayFieldStart("apps");
            }
            List<AppScan> scans = new ArrayList<>();
            for (Path input : inputs) {
                try {
                    CaseFile into = kase;
                    reader.scan(input, app -> {
                        scans.add(app.scan());
                        if (json != null) {
                            ScanJson.app(json, app.scan());
                            json.flush();
                        } else {
                            ScanText.app(out, app.scan());
                            out.flush();
                        }
                        if (into != null) {
                            try {
                                into.codeScans().add(app.scan(), Instant.now());
                            } catch (CaseFileException e) {
                                throw new IOException(e.getMessage(), e);
                            }
                        }
                    });
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    err.println(input + ": " + oneLine(e));
                    bad[0] = true;
                    outOfMemory |= isOutOfMemory(e);
                }
            }
            CaseLinks links = null;
            if (kase != null) {
                Map<String, Long> captured = new LinkedHashMap<>();
                for (CodeScans.CapturedHost h : kase.codeScans().capturedHosts()) {
                    captured.put(h.host(), h.exchanges());
                }
                links = CaseLinker.link(scans, captured);
            }
            if (json != null) {
                json.writeEndArray();
                if (links != null) {
                    json.writeFieldName("case");
                    ScanJson.caseLinks(json, links);
                }
                json.writeEndObject();
                json.flush();
                out.println();
            } else if (links != null) {
                ScanText.caseLinks(out, caseFile.toString(), links);
            }
        } catch (CaseFileException e) {
            err.println(e.getMessage());
            bad[0] = true;
        } finally {
            if (kase != null) {
                try {
                    kase.close();
                } catch (CaseFileException e) {
                    err.println(e.getMessage());
                }
            }
            deleteTree(temp);
        }
        err.flush();
        return outOfMemory ? Main.OUT_OF_MEMORY : bad[0] ? 2 : 0;
    }

    static boolean isOutOfMemory(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, on one line; running out of memory says how to give more. */
    static String oneLine(Throwable e) {
        Throwable cause = e;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OutOfMemoryError) {
            return "out of memory (the heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB; set TELLTALE_JAVA_OPTS=-Xmx... for more); what was scanned before is kept";
        }
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
