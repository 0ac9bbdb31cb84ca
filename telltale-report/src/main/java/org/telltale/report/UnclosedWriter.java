package org.telltale.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** A writer the caller owns (standard output): closing it only flushes, so the caller may go on writing. */
public final class UnclosedWriter extends FilterWriter {
    public UnclosedWriter(Writer out) {
        super(out);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
