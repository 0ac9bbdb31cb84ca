package org.telltale.cli;

import java.io.IOException;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;
import org.telltale.core.CaptureSource;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.StoredCapture;

/** One capture of a case as an input of an analysis: its stored exchanges, streamed back in order. */
final class CaseCaptureSource implements CaptureSource {
    private final CaseFile caseFile;
    private final StoredCapture capture;

    CaseCaptureSource(CaseFile caseFile, StoredCapture capture) {
        this.caseFile = caseFile;
        this.capture = capture;
    }

    /** The capture's file name as imported, so results name the same inputs as an analysis of the files. */
    @Override
    public String name() {
        return capture.name();
    }

    /** As stored, so flow ids are those of an analysis of the file itself. */
    @Override
    public String sha256() {
        return capture.sha256();
    }

    StoredCapture capture() {
        return capture;
    }

    @Override
    public void read(CaptureSink sink) throws IOException, CaptureException {
        try {
            caseFile.captures().read(capture, sink);
        } catch (CaseFileException e) {
            // CaptureSource.read throws no store types; the message already names the case
            throw new IOException(e.getMessage(), e);
        }
    }
}
