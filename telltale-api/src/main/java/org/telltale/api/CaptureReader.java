package org.telltale.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one kind of capture and emits what it saw, in order. Never decodes or judges.
 * Built-in readers are listed in one place (the formats module's {@code CaptureReaders}).
 */
public interface CaptureReader {
    /** A short name for messages and the {@code --input-format} option: "har", "pcap", "mitm". */
    String name();

    /**
     * Whether this reader recognises the file from its first bytes (at most 64 KiB, fewer for a
     * short file) and its name.
     */
    boolean sniff(Path file, byte[] head);

    /**
     * Reads the whole file. Everything good is emitted before a problem that stops the reading is
     * thrown as a {@link CaptureException}; problems with one part go to
     * {@link CaptureSink#diagnostic} and the reading goes on.
     */
    void read(Path file, CaptureSink sink) throws IOException, CaptureException;
}
