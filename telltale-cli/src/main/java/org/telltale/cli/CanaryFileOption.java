package org.telltale.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.telltale.api.CanaryFile;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;

/** How the commands read the file named by {@code --canaries}: bounded, every problem one line naming the file. */
final class CanaryFileOption {
    private CanaryFileOption() {
    }

    /** The canaries in the file, or none when no file is named. */
    static CanaryFile read(Path canaryFile) throws CanaryFileException {
        if (canaryFile == null) {
            return CanaryFile.EMPTY;
        }
        try {
            if (Files.size(canaryFile) > CanaryFiles.MAX_BYTES) {
                throw new CanaryFileException(canaryFile + ": larger than 10 MB; is this really a canary file?");
            }
            return CanaryFiles.parse(Files.readAllBytes(canaryFile), canaryFile.toString());
        } catch (IOException e) {
            throw new CanaryFileException(canaryFile + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
