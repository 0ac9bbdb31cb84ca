package org.telltale.cli;

import org.telltale.attribute.BundledResolver;
import org.telltale.attribute.DataDirectory;
import org.telltale.attribute.DatasetInfo;
import org.telltale.attribute.build.DatasetBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code telltale data}: shows and rebuilds the attribution datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Show or rebuild the attribution datasets (IP networks and countries, domain owners, trackers).",
        subcommands = {DataCommand.Info.class, DataCommand.Update.class})
public final class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code telltale data info}: each dataset in use with version, licence, entries and size. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "List each dataset: name, version, licence, entries, size, location.")
    public static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDirectoryOption data = new DataDirectoryOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BundledResolver resolver;
            try {
                resolver = data.open();
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot open the attribution datasets: " + e.getMessage());
                return 2;
            }
            for (DatasetInfo info : resolver.datasets()) {
                out.println(info.id());
                out.println("  version:  " + info.version());
                out.println("  licence:  " + info.licence());
                out.println("  entries:  " + info.entries());
                out.println("  size:     " + size(info.bytes()));
                out.println("  file:     " + info.file() + " (" + info.location() + ")");
            }
            out.flush();
            return 0;
        }

        private static String size(long bytes) {
            if (bytes < 0) {
                return "unknown";
            }
            return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                    : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
    }

    /** {@code telltale data update --from DIR}: rebuilds datasets from downloads into the user's data directory. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Rebuild datasets from downloaded files in DIR: the npm tarballs (or extracted CSVs) of",
                    "@ip-location-db/asn and @ip-location-db/geo-whois-asn-country, xray-2020-companies.json,",
                    "disconnect*.json, exodus-trackers.json, easyprivacy.txt. Nothing is fetched."})
    public static final class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "DIR", description = "directory holding the downloads")
        Path from;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "where to write (default: $TELLTALE_DATA or ~/.telltale/data)")
        Path dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path target = dataDir == null ? DataDirectory.defaultDirectory() : dataDir;
            try {
                DatasetBuilder.Result result = DatasetBuilder.build(from, target);
                out.println("datasets written to " + target);
                result.changes().forEach(change -> out.println("  " + change));
                result.skipped().forEach((id, count) -> {
                    if (count > 0) {
                        out.println("  " + id + ": " + count + " unreadable rows skipped");
                    }
                });
                BundledResolver.open(target).verify(); // opening reads headers only; check every table now
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot update datasets: " + e.getMessage());
                return 2;
            }
            out.flush();
            return 0;
        }
    }
}
