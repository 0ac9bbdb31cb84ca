package org.telltale.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.telltale.api.AnalysisResult;
import org.telltale.api.Attribution;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.TlsKeyLog;

/**
 * The JSON result of {@code analyze}. Field names are a contract (see the README): add fields,
 * never rename them. Written with the streaming generator so large results need no tree in memory.
 */
public final class JsonReport implements ReportRenderer {
    private static final JsonFactory FACTORY = new JsonFactory();
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
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "telltale");
            g.writeStringField("version", version);
            g.writeEndObject();
            g.writeArrayFieldStart("inputs");
            for (String input : r.inputs()) {
                g.writeString(input);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("flows");
            for (Flow f : r.flows()) {
                flow(g, f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                finding(g, f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("expected");
            for (ExpectedMatch e : r.expected()) {
                g.writeStartObject();
                g.writeNumberField("flow", e.flow());
                g.writeStringField("canary", e.canary());
                g.writeStringField("host", e.host());
                g.writeStringField("allowed_by", e.allowedBy());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("opaque");
            for (OpaqueFlow o : r.opaque()) {
                opaque(g, o);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : r.diagnostics()) {
                g.writeStartObject();
                if (d.flow() == null) {
                    g.writeNullField("flow");
                } else {
                    g.writeNumberField("flow", d.flow());
                }
                g.writeStringField("input", d.input());
                g.writeStringField("origin", d.origin());
                g.writeStringField("message", d.message());
                g.writeBooleanField("fatal", d.fatal());
                g.writeEndObject();
            }
            g.writeEndArray();
            // Counts only: the secrets themselves go where the user asks (analyze --save-tls-keys).
            g.writeArrayFieldStart("tls_key_logs");
            for (TlsKeyLog k : r.tlsKeyLogs()) {
                g.writeStartObject();
                g.writeStringField("input", k.input());
                g.writeNumberField("secrets", k.secrets());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void flow(JsonGenerator g, Flow f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", f.index());
        time(g, "time", f.time());
        g.writeStringField("method", f.method());
        g.writeStringField("url", f.url());
        g.writeStringField("host", f.host());
        g.writeStringField("server_ip", f.serverIp());
        g.writeNumberField("server_port", f.serverPort());
        g.writeStringField("session", f.session());
        g.writeStringField("input", f.input());
        g.writeStringField("origin", f.origin());
        g.writeStringField("app", f.app());
        g.writeBooleanField("incomplete", f.incomplete());
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("flow", f.flow());
        g.writeStringField("canary", f.canary());
        g.writeStringField("kind", f.kind());
        g.writeStringField("value", f.value());
        g.writeStringField("matched", f.matched());
        g.writeStringField("location", f.location());
        g.writeArrayFieldStart("path");
        for (String step : f.path()) {
            g.writeString(step);
        }
        g.writeEndArray();
        g.writeStringField("transform", f.transform());
        g.writeStringField("confidence", f.confidence().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("session", f.session());
        destination(g, f.destination());
        g.writeEndObject();
    }

    private static void opaque(JsonGenerator g, OpaqueFlow o) throws IOException {
        OpaqueConnection c = o.connection();
        g.writeStartObject();
        time(g, "time", c.time());
        g.writeStringField("protocol", c.protocol());
        g.writeStringField("client_ip", c.client().ip());
        g.writeNumberField("client_port", c.client().port());
        g.writeStringField("sni", c.sni());
        g.writeArrayFieldStart("alpn");
        for (String a : c.alpn()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeStringField("app", c.app());
        g.writeStringField("session", o.session());
        g.writeStringField("input", o.input());
        g.writeStringField("origin", c.origin());
        destination(g, o.destination());
        g.writeEndObject();
    }

    private static void destination(JsonGenerator g, Destination d) throws IOException {
        g.writeObjectFieldStart("destination");
        g.writeStringField("host", d.host());
        g.writeStringField("ip", d.ip());
        g.writeNumberField("port", d.port());
        Attribution a = d.attribution();
        g.writeStringField("registrable_domain", a.registrableDomain());
        g.writeStringField("organization", a.organization());
        g.writeStringField("parent", a.parent());
        g.writeStringField("organization_country", a.organizationCountry());
        g.writeStringField("country", a.country());
        if (a.asn() > 0) {
            g.writeNumberField("asn", a.asn());
        } else {
            g.writeNullField("asn");
        }
        g.writeStringField("as_org", a.asOrg());
        if (a.tracker() == null) {
            g.writeNullField("tracker");
        } else {
            g.writeObjectFieldStart("tracker");
            g.writeStringField("category", a.tracker().category());
            g.writeStringField("name", a.tracker().name());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("sources");
        for (Map.Entry<String, String> s : new java.util.TreeMap<>(a.sources()).entrySet()) {
            g.writeStringField(snakeCase(s.getKey()), s.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Fact names as the JSON fields they stand for ("asOrg" becomes "as_org"). */
    static String snakeCase(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void time(JsonGenerator g, String field, Instant t) throws IOException {
        g.writeStringField(field, t == null ? null : t.toString());
    }
}
