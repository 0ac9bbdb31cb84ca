package org.telltale.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;

/**
 * The JSON result of {@code analyze} as one document, written while the analysis streams: each
 * section (flows, findings, expected, opaque, TLS key logs) goes to its own spool file as it comes,
 * and {@link #end} writes the document from them, so memory holds only the distinct destinations and
 * the aggregated diagnostics, however large the capture. A run cut short still ends in a valid
 * document of what was found.
 */
public final class JsonDocumentSink implements AnalysisSink {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] SECTIONS = {"flows", "findings", "expected", "opaque", "tls_key_logs"};

    private final Writer out;
    private final String version;
    private final Map<Destination, Integer> destinations = new LinkedHashMap<>();
    private final Path[] files = new Path[SECTIONS.length];
    private final JsonGenerator[] spools = new JsonGenerator[SECTIONS.length];
    private final ProfileSummary profile = new ProfileSummary();
    private List<String> inputs = List.of();

    /** @param out where the document goes; closed by {@link #end} */
    public JsonDocumentSink(Writer out, String version) {
        this.out = out;
        this.version = version;
        try {
            for (int i = 0; i < SECTIONS.length; i++) {
                files[i] = Files.createTempFile("telltale-" + SECTIONS[i] + "-", ".json");
                files[i].toFile().deleteOnExit();
                spools[i] = FACTORY.createGenerator(Files.newBufferedWriter(files[i], StandardCharsets.UTF_8));
                spools[i].setRootValueSeparator(new SerializedString(",\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file for the JSON result", e);
        }
    }

    @Override
    public void begin(List<String> names) {
        inputs = List.copyOf(names);
    }

    @Override
    public void exchange(ExchangeAnalysis a) {
        flow(a.flow());
        a.findings().forEach(this::finding);
        a.expected().forEach(this::expected);
    }

    @Override
    public void learned(Flow flow, List<Finding> findings) {
        findings.forEach(this::finding);
    }

    void flow(Flow f) {
        write(0, g -> JsonRecords.flow(g, null, f));
    }

    void finding(Finding f) {
        profile.add(f);
        int id = destinationId(f.destination());
        write(1, g -> JsonRecords.finding(g, null, f, id));
    }

    void expected(ExpectedMatch e) {
        write(2, g -> JsonRecords.expected(g, null, e));
    }

    @Override
    public void opaque(OpaqueFlow o) {
        int id = destinationId(o.destination());
        write(3, g -> JsonRecords.opaque(g, null, o, id));
    }

    @Override
    public void tlsKeyLog(TlsKeyLog log) {
        write(4, g -> JsonRecords.tlsKeyLog(g, null, log));
    }

    @Override
    public void end(List<Diagnostic> diagnostics, String stopped) {
        try {
            for (JsonGenerator spool : spools) {
                spool.close();
            }
            document(diagnostics, stopped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Path f : files) {
                f.toFile().delete();
            }
        }
    }

    private void document(List<Diagnostic> diagnostics, String stopped) throws IOException {
        try (Writer w = new BufferedWriter(out); JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "telltale");
            g.writeStringField("version", version);
            g.writeEndObject();
            g.writeArrayFieldStart("inputs");
            for (String input : inputs) {
                g.writeString(input);
            }
            g.writeEndArray();
            section(g, w, 0);
            section(g, w, 1);
            section(g, w, 2);
            section(g, w, 3);
            g.writeArrayFieldStart("destinations");
            for (Map.Entry<Destination, Integer> d : destinations.entrySet()) {
                JsonRecords.destinationRow(g, d.getValue(), d.getKey());
            }
            g.writeEndArray();
            JsonRecords.profileSummary(g, profile);
            g.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : diagnostics) {
                JsonRecords.diagnostic(g, null, d);
            }
            g.writeEndArray();
            section(g, w, 4);
            g.writeStringField("stopped", stopped);
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** Copies a spool into the document as the body of its array. */
    private void section(JsonGenerator g, Writer w, int i) throws IOException {
        g.writeArrayFieldStart(SECTIONS[i]);
        g.flush();
        try (BufferedReader r = Files.newBufferedReader(files[i], StandardCharsets.UTF_8)) {
            r.transferTo(w);
        }
        g.writeEndArray();
    }

    private int destinationId(Destination d) {
        return destinations.computeIfAbsent(d, k -> destinations.size());
    }

    /** Writes a record with a generator. */
    private interface Record {
        void write(JsonGenerator g) throws IOException;
    }

    private void write(int section, Record r) {
        try {
            r.write(spools[section]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
