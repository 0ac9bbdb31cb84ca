package org.telltale.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureReader;
import org.telltale.api.CaptureSink;
import org.telltale.batch.Sha256;
import org.telltale.core.CaptureSource;
import org.telltale.formats.CaptureReaders;
import org.telltale.formats.pcap.PcapReader;

/** A capture file on disk, read by the reader named by the user or recognised from its first bytes. */
final class FileCaptureSource implements CaptureSource {
    private final Path file;
    private final List<CaptureReader> readers;
    private final String format;
    private final boolean progress;

    /**
     * @param format   a reader name, or "auto" to recognise the file by its first bytes
     * @param progress whether a progress bar may be shown for a large file on a terminal
     */
    FileCaptureSource(Path file, List<CaptureReader> readers, String format, boolean progress) {
        this.file = file;
        this.readers = readers;
        this.format = format;
        this.progress = progress;
    }

    @Override
    public String name() {
        return file.toString();
    }

    /** Read once before the capture itself; the second read then comes from the page cache. */
    @Override
    public String sha256() throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return Sha256.of(file);
    }

    @Override
    public void read(CaptureSink sink) throws IOException, CaptureException {
        if (!Files.isRegularFile(file)) {
            throw new CaptureException(null, Files.exists(file) ? "is not a file" : "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new CaptureException(null, "cannot be read (permission denied)");
        }
        CaptureReader reader = reader();
        try (ProgressDisplay display = ProgressDisplay.forFile(file.getFileName().toString(), Files.size(file),
                progress && reader instanceof PcapReader)) {
            // Only the pcap reader reports progress: it is the one that meets captures of many GB.
            (display == null ? reader : new PcapReader(display.listener())).read(file, sink);
        }
    }

    /** The name of the reader that reads this file ("har", "pcap", "mitm"), as recorded when it is imported. */
    String format() throws IOException, CaptureException {
        return reader().name();
    }

    private CaptureReader reader() throws IOException, CaptureException {
        if (!"auto".equals(format)) {
            for (CaptureReader r : readers) {
                if (r.name().equals(format)) {
                    return r;
                }
            }
            throw new CaptureException(null, "no reader for format '" + format + "'");
        }
        return CaptureReaders.recognise(readers, file);
    }
}
