package org.telltale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureReader;
import org.telltale.api.CaptureSink;
import org.telltale.core.CaptureSource;

/** A capture file on disk, read by the reader named by the user or recognised from its first bytes. */
final class FileCaptureSource implements CaptureSource {
    private static final int HEAD = 64 * 1024;

    private final Path file;
    private final List<CaptureReader> readers;
    private final String format;

    /**
     * @param format a reader name, or "auto" to recognise the file by its first bytes
     */
    FileCaptureSource(Path file, List<CaptureReader> readers, String format) {
        this.file = file;
        this.readers = readers;
        this.format = format;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void read(CaptureSink sink) throws IOException, CaptureException {
        if (!Files.isRegularFile(file)) {
            throw new CaptureException(null, Files.exists(file) ? "is not a file" : "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new CaptureException(null, "cannot be read (permission denied)");
        }
        reader().read(file, sink);
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
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        if (head.length == 0) {
            throw new CaptureException("byte 0", "the file is empty");
        }
        for (CaptureReader r : readers) {
            if (r.sniff(file, head)) {
                return r;
            }
        }
        throw new CaptureException("byte 0", "not a capture Telltale can read (HAR, pcap, pcapng or mitmproxy flows)");
    }
}
