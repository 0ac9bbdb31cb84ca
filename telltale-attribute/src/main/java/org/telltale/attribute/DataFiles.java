package org.telltale.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where each data file is read from: the user's data directory when it holds that file, otherwise the
 * copy bundled in the jar. Replacing one dataset therefore never requires replacing the others.
 */
final class DataFiles {
    /** The classpath folder of the bundled datasets. */
    static final String BUNDLED = "/org/telltale/attribute/data/";

    private final Path directory;

    /** @param directory the user's data directory, or null for bundled data only */
    DataFiles(Path directory) {
        this.directory = directory;
    }

    /** @throws IOException when the file is neither in the data directory nor bundled */
    InputStream open(String file) throws IOException {
        Path replacement = replacement(file);
        if (replacement != null) {
            return Files.newInputStream(replacement);
        }
        InputStream bundled = DataFiles.class.getResourceAsStream(BUNDLED + file);
        if (bundled == null) {
            throw new IOException("no data file " + file);
        }
        return bundled;
    }

    /** @return whether the file exists in the data directory or the bundle */
    boolean exists(String file) {
        return replacement(file) != null || DataFiles.class.getResource(BUNDLED + file) != null;
    }

    /** @return "bundled" or the path of the replacement */
    String location(String file) {
        Path replacement = replacement(file);
        return replacement == null ? "bundled" : replacement.toString();
    }

    /** @return the stored size in bytes, or -1 when it cannot be told */
    long size(String file) {
        try {
            Path replacement = replacement(file);
            if (replacement != null) {
                return Files.size(replacement);
            }
            var url = DataFiles.class.getResource(BUNDLED + file);
            return url == null ? -1 : url.openConnection().getContentLengthLong();
        } catch (IOException e) {
            return -1;
        }
    }

    private Path replacement(String file) {
        if (directory == null) {
            return null;
        }
        Path path = directory.resolve(file);
        return Files.isRegularFile(path) ? path : null;
    }
}
