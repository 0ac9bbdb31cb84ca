package org.telltale.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer the caller owns (standard output): closing it only flushes, so the caller may go on writing.
 * A PrintWriter hides write errors; this one says so on flush, so a closed pipe ({@code | head}) stops
 * the analysis instead of letting it run to the end for nobody.
 */
public final class UnclosedWriter extends FilterWriter {
    public UnclosedWriter(Writer out) {
        super(out);
    }

    @Override
    public void flush() throws IOException {
        super.flush();
        if (out instanceof PrintWriter p && p.checkError()) {
            throw new IOException("the output was closed");
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
