package org.telltale.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.telltale.attribute.BundledResolver;

import picocli.CommandLine.Option;

/** The {@code --data-dir} option of every command that reads the attribution datasets, and how they are opened. */
final class DataDirectoryOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Attribution datasets from DIR (default: $TELLTALE_DATA, ~/.telltale/data, then bundled).")
    Path dataDir;

    /** The user's datasets when a directory is named or set up, else the bundled ones. */
    BundledResolver open() throws IOException {
        return dataDir == null ? BundledResolver.openDefault() : BundledResolver.open(dataDir);
    }
}
