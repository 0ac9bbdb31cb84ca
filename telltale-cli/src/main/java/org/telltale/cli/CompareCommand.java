package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.telltale.api.DestinationResolver;
import org.telltale.api.scan.Comparison;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.compare.ImageComparer;
import org.telltale.apk.scan.AppScanner;
import org.telltale.apk.trackers.TrackerCatalogue;
import org.telltale.report.UnclosedWriter;
import org.telltale.report.scan.ScanJson;
import org.telltale.report.scan.ScanText;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code telltale compare}: the same apps, the same tracking code (by fingerprint, so renamed code
 * too) and the same servers across firmware images or apps. Wiring only.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare firmware images (or apps, or folders of apps): apps they share, tracking code found",
                "in both even when renamed or in apps of other names, and servers both name."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "IMAGE", description = "firmware images, apps or folders of apps")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write there instead of standard output")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("unknown format '" + format + "': use text or json");
            return 2;
        }
        // Who is behind each host does not change what two images share, so no dataset is opened.
        AppScanner scanner = new AppScanner(CodeLimits.DEFAULT, TrackerCatalogue.bundled(), DestinationResolver.NONE);
        ImageComparer comparer = new ImageComparer();
        int exit;
        try (AppInputs reading = new AppInputs(scanner, err, "telltale-compare")) {
            for (Path input : inputs) {
                comparer.image(input.toString());
                reading.scan(input, comparer::add);
            }
            exit = reading.exitCode();
        }
        Comparison comparison = comparer.compare();
        try (PrintWriter out = new PrintWriter(output == null ? new UnclosedWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            if (format.equals("json")) {
                JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
                ScanJson.comparison(json, comparison);
                json.flush();
                out.println();
            } else {
                ScanText.comparison(out, comparison);
            }
        }
        return exit;
    }
}
