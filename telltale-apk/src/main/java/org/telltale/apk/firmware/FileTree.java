package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.InputStream;

/** A read-only file system inside one partition's bytes (ext4, EROFS), walked once from its root. */
interface FileTree {
    /** Receives each regular file; {@code path} starts with {@code /} and is relative to the file system's root. */
    @FunctionalInterface
    interface FileSink {
        void file(String path, long size, IoSupplier<InputStream> open) throws IOException;
    }

    /** Calls the sink for every regular file, depth first, in directory order; symlinks and devices are left out. */
    void walk(FileSink sink) throws IOException, FirmwareFormatException;
}
