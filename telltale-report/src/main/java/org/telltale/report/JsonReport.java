package org.telltale.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.telltale.api.AnalysisResult;

/**
 * The JSON result of {@code analyze} from a result held in memory; the same document the streaming
 * {@link JsonDocumentSink} writes, through the same code.
 */
public final class JsonReport implements ReportRenderer {
    private final String version;

    public JsonReport(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public void render(AnalysisResult r, Writer out) throws IOException {
        JsonDocumentSink sink = new JsonDocumentSink(new UnclosedWriter(out), version);
        try {
            sink.begin(r.inputs());
            r.flows().forEach(sink::flow);
            r.findings().forEach(sink::finding);
            r.expected().forEach(sink::expected);
            r.opaque().forEach(sink::opaque);
            r.tlsKeyLogs().forEach(sink::tlsKeyLog);
            sink.end(r.diagnostics(), null);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
