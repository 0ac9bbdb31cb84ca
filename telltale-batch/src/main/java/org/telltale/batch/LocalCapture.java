package org.telltale.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureReader;
import org.telltale.api.CaptureSink;
import org.telltale.core.CaptureSource;
import org.telltale.formats.CaptureReaders;

/**
 * A capture in a local file (on a cluster, the executor's copy of it), read by the reader that
 * recognises its first bytes. Its SHA-256 is known before: the caller hashed it while checking whether
 * it was analysed before, or while copying it.
 */
final class LocalCapture implements CaptureSource {
    private final String name;
    private final Path file;
    private final String sha256;
    private volatile String format;

    /** @param name the capture as the user gave it (a path or a URI), shown in rows and messages */
    LocalCapture(String name, Path file, String sha256) {
        this.name = name;
        this.file = file;
        this.sha256 = sha256;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public void read(CaptureSink sink) throws IOException, CaptureException {
        if (!Files.isRegularFile(file)) {
            throw new CaptureException(null, "no such file");
        }
        List<CaptureReader> readers = CaptureReaders.builtIn();
        CaptureReader reader = CaptureReaders.recognise(readers, file);
        format = reader.name();
        reader.read(file, sink);
    }

    /** The reader's name ("har", "pcap", "mitm") once reading began, else null. */
    String format() {
        return format;
    }
}
