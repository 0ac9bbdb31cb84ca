package org.telltale.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;

/**
 * JSON lines for pipelines: one object a line, each with a "type" ("flow", "finding", "expected",
 * "opaque", "tls_key_log", "diagnostic", "end"), written and flushed as each exchange is analysed, so
 * whatever was written before a crash or a kill is valid (at most the line being written is cut).
 * The fields are those of the JSON document's records, but for {@code destination_id}: there is no
 * destinations table in a stream, so each finding carries its whole destination.
 */
public final class JsonLinesSink implements AnalysisSink {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator g;
    private final Writer out;

    public JsonLinesSink(Writer out) {
        this.out = out;
        try {
            this.g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(new SerializedString("\n"));
    }

    @Override
    public void exchange(ExchangeAnalysis a) {
        write(() -> JsonRecords.flow(g, "flow", a.flow()));
        for (Finding f : a.findings()) {
            write(() -> JsonRecords.finding(g, "finding", f, -1));
        }
        for (ExpectedMatch e : a.expected()) {
            write(() -> JsonRecords.expected(g, "expected", e));
        }
        flush();
    }

    @Override
    public void learned(Flow flow, List<Finding> findings) {
        for (Finding f : findings) {
            write(() -> JsonRecords.finding(g, "finding", f, -1));
        }
        flush();
    }

    @Override
    public void opaque(OpaqueFlow o) {
        write(() -> JsonRecords.opaque(g, "opaque", o, -1));
    }

    @Override
    public void tlsKeyLog(TlsKeyLog log) {
        write(() -> JsonRecords.tlsKeyLog(g, "tls_key_log", log));
    }

    @Override
    public void end(List<Diagnostic> diagnostics, String stopped) {
        for (Diagnostic d : diagnostics) {
            write(() -> JsonRecords.diagnostic(g, "diagnostic", d));
        }
        try {
            g.writeStartObject();
            g.writeStringField("type", "end");
            g.writeStringField("stopped", stopped);
            g.writeEndObject();
            g.writeRaw('\n');
            g.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Body {
        void write() throws IOException;
    }

    private void write(Body body) {
        try {
            body.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
