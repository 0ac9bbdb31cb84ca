package org.telltale.core;

import java.io.IOException;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;

/**
 * One input of an analysis: its name and a way to read it. The caller (the CLI) opens files and
 * picks the reader, so the engine itself does no I/O.
 */
public interface CaptureSource {
    /** The name shown in results and messages, usually the file name as the user gave it. */
    String name();

    /**
     * The SHA-256 of the capture's bytes in lower-case hex, which makes flow ids stable across runs
     * and machines; null when the source cannot say, and then the name stands in for it.
     */
    default String sha256() throws IOException {
        return null;
    }

    /** Emits every observation of this input into the sink, in order. */
    void read(CaptureSink sink) throws IOException, CaptureException;
}
