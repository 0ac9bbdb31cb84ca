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
        AppScanner scanner = new AppScanner(CodeLimits.DEFAULT, TrackerCatalogue.bundled(), resolver);
        AppInputs reading = new AppInputs(scanner, err, "telltale-scan");
        try (reading; PrintWriter out = new PrintWriter(output == null ? new UnclosedWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, java.nio.charset.StandardCharsets.UTF_8))) {
            JsonGenerator json = format.equals("json") ? new JsonFactory().createGenerator(out).useDefaultPrettyPrinter() : null;
            if (json != null) {
                json.writeStartObject();
                json.writeArrayFieldStart("apps");
            }
            List<AppScan> scans = new ArrayList<>();
            CaseFile into = kase;
            for (Path input : inputs) {
                reading.scan(input, app -> {
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
            reading.problem("", e.getMessage());
        } finally {
            if (kase != null) {
                try {
                    kase.close();
                } catch (CaseFileException e) {
                    err.println(e.getMessage());
                }
            }
        }
        return reading.exitCode();
    }
}
