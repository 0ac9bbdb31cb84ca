package org.telltale.report;

import java.io.IOException;
import java.io.Writer;

import org.telltale.api.AnalysisResult;

/** Turns an analysis result into something a person or a program reads. */
public interface ReportRenderer {
    /** The name used by {@code --format}: "text", "json". */
    String name();

    void render(AnalysisResult result, Writer out) throws IOException;
}
