package org.telltale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies test resources to a folder so the CLI reads them as the user's files. */
final class TestFiles {
    private TestFiles() {
    }

    static Path copy(String resource, Path dir) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            Path target = dir.resolve(Path.of(resource).getFileName().toString());
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
