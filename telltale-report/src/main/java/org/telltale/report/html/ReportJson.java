package org.telltale.report.html;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.telltale.api.AnalysisResult;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Header;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.Session;
import org.telltale.api.Step;
import org.telltale.report.FindingGroups.Group;
import org.telltale.report.JsonRecords;

/**
 * The data a report page renders from, as JSON safe to embed in HTML. A report file embeds all of
 * it, each request and decoding layer once however many findings share it; the live view embeds
 * the summary and serves findings and evidence page by page in the same shapes. Records reuse the
 * JSON output's fields ({@link JsonRecords}), so a reader who knows one knows the other.
 */
public final class ReportJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportJson() {
    }

    /** A generator whose output may sit inside a script element. */
    public static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.setCharacterEscapes(new HtmlSafeEscapes());
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        return g;
    }

    /**
     * The page's summary: everything but the findings and their evidence, which a report file embeds
     * apart ({@link #findings}, {@link #evidence}) so the page is usable before it reads them, and the
     * live view serves on request.
     *
     * @param file true for a report file, false for the live view
     */
    public static void summary(ReportIndex index, JsonGenerator g, boolean file) throws IOException {
        summary(index, g, file, null);
    }

    /**
     * The summary of a live view that changes while a recording goes on.
     *
     * @param recording the version of the case this page was drawn from, which the page compares with
     *                  the server's as the recording goes on; null when the case does not change
     */
    public static void summary(ReportIndex index, JsonGenerator g, boolean file, Long recording) throws IOException {
        ReportData data = index.data();
        AnalysisResult r = data.result();
        g.writeStartObject();
        g.writeStringField("format", "telltale-report");
        g.writeNumberField("version", 1);
        g.writeStringField("mode", file ? "file" : "live");
        if (recording != null) {
            g.writeNumberField("recording_version", recording);
        }
        g.writeStringField("name", data.name());
        provenance(g, data.provenance());
        g.writeArrayFieldStart("story");
        for (String s : Story.of(data, index.groups())) {
            g.writeString(s);
        }
        g.writeEndArray();
        totals(g, index);
        g.writeArrayFieldStart("sessions");
        for (Session s : r.canaries().sessions()) {
            g.writeStartObject();
            g.writeStringField("label", s.label());
            g.writeStringField("start", s.start() == null ? null : s.start().toString());
            g.writeStringField("end", s.end() == null ? null : s.end().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        timeline(g, data.timeline());
        g.writeArrayFieldStart("destinations");
        List<Destination> destinations = index.destinations();
        for (int i = 0; i < destinations.size(); i++) {
            JsonRecords.destinationRow(g, i, destinations.get(i));
        }
        g.writeEndArray();
        groups(g, index);
        g.writeArrayFieldStart("opaque");
        for (OpaqueFlow o : r.opaque()) {
            JsonRecords.opaque(g, null, o, index.destination(o.destination()));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("expected");
        for (ExpectedMatch e : r.expected()) {
            JsonRecords.expected(g, null, e);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("diagnostics");
        for (Diagnostic d : r.diagnostics()) {
            JsonRecords.diagnostic(g, null, d);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Every finding, numbered, as {"findings": [...]}. */
    public static void findings(ReportIndex index, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("findings");
        for (int i = 0; i < index.findings().size(); i++) {
            finding(g, index, i);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Every finding's evidence, as {"evidence": [...], "requests": {...}, "layers": [...]}. */
    public static void evidence(ReportIndex index, JsonGenerator g) throws IOException {
        g.writeStartObject();
        evidence(g, index);
        g.writeEndObject();
    }

    /** One finding with its number, group and flow, as the page lists it. */
    public static void finding(JsonGenerator g, ReportIndex index, int id) throws IOException {
        Finding f = index.findings().get(id);
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeFieldName("finding");
        JsonRecords.finding(g, null, f, index.destination(f.destination()), false);
        Flow flow = index.flow(f.flow());
        if (flow != null) {
            g.writeFieldName("flow");
            JsonRecords.flow(g, null, flow);
        }
        g.writeEndObject();
    }

    /** One finding's evidence with its request and layers inline, as the live view serves it. */
    public static void evidence(JsonGenerator g, ReportIndex index, int id) throws IOException {
        Finding f = index.findings().get(id);
        Evidence e = index.data().evidence().of(f);
        g.writeStartObject();
        if (e.request() != null) {
            g.writeFieldName("request");
            request(g, e.request());
        }
        g.writeArrayFieldStart("layers");
        for (int i = 0; i < e.layers().size(); i++) {
            layer(g, e.layers().get(i), i == 0 ? null : e.layers().get(i - 1));
        }
        g.writeEndArray();
        match(g, f, e);
        g.writeEndObject();
    }

    /** Every finding's evidence, each request and each layer written once. */
    private static void evidence(JsonGenerator g, ReportIndex index) throws IOException {
        Map<Integer, Evidence.Request> requests = new TreeMap<>();
        Map<String, Integer> layerIds = new HashMap<>();
        List<Evidence.Layer> layers = new ArrayList<>();
        List<Evidence.Layer> previous = new ArrayList<>();
        g.writeArrayFieldStart("evidence");
        for (Finding f : index.findings()) {
            Evidence e = index.data().evidence().of(f);
            g.writeStartObject();
            if (e.request() != null) {
                requests.putIfAbsent(f.flow(), e.request());
                g.writeNumberField("request", f.flow());
            }
            g.writeArrayFieldStart("layers");
            for (int i = 0; i < e.layers().size(); i++) {
                String key = layerKey(f, i);
                Integer id = layerIds.get(key);
                if (id == null) {
                    id = layers.size();
                    layerIds.put(key, id);
                    layers.add(e.layers().get(i));
                    previous.add(i == 0 ? null : e.layers().get(i - 1));
                }
                g.writeNumber(id);
            }
            g.writeEndArray();
            match(g, f, e);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("requests");
        for (Map.Entry<Integer, Evidence.Request> q : requests.entrySet()) {
            g.writeFieldName(Integer.toString(q.getKey()));
            request(g, q.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("layers");
        for (int i = 0; i < layers.size(); i++) {
            layer(g, layers.get(i), previous.get(i));
        }
        g.writeEndArray();
    }

    /** The same node of the same flow, reached by the same steps, is the same layer. */
    private static String layerKey(Finding f, int depth) {
        StringBuilder b = new StringBuilder(f.flowId()).append('\u0000').append(f.location().text()).append('\u0000')
                .append(f.location().index());
        for (Step s : f.steps().subList(0, Math.min(depth, f.steps().size()))) {
            b.append('\u0000').append(s.decoder()).append('\u0001').append(s.index()).append('\u0001').append(s.label());
        }
        return b.toString();
    }

    private static void match(JsonGenerator g, Finding f, Evidence e) throws IOException {
        g.writeArrayFieldStart("match");
        g.writeNumber(f.start());
        g.writeNumber(f.end());
        g.writeEndArray();
        g.writeStringField("problem", e.problem());
    }

    private static void request(JsonGenerator g, Evidence.Request q) throws IOException {
        g.writeStartObject();
        g.writeStringField("method", q.method());
        g.writeStringField("url", q.url());
        g.writeStringField("http_version", q.httpVersion());
        g.writeArrayFieldStart("headers");
        for (Header h : q.headers()) {
            g.writeStartArray();
            g.writeString(h.name());
            g.writeString(h.value());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeFieldName("body");
        bytes(g, q.body());
        g.writeEndObject();
    }

    /** A layer, with the command that makes it from the previous one (null for the root). */
    private static void layer(JsonGenerator g, Evidence.Layer l, Evidence.Layer previous) throws IOException {
        g.writeStartObject();
        g.writeStringField("decoder", l.decoder());
        g.writeStringField("label", l.label());
        if (l.start() >= 0) {
            g.writeNumberField("start", l.start());
            g.writeNumberField("end", l.end());
        }
        g.writeStringField("command", ShellCommands.of(l.decoder(), l.label(), previous == null ? null : previous.data(),
                l.start(), l.end()));
        g.writeFieldName("data");
        bytes(g, l.data());
        g.writeEndObject();
    }

    /** Bytes as base64, with whether they read as UTF-8 text; the page decodes them and shows text or hex. */
    private static void bytes(JsonGenerator g, byte[] b) throws IOException {
        byte[] data = b == null ? new byte[0] : b;
        g.writeStartObject();
        g.writeNumberField("size", data.length);
        g.writeBooleanField("text", isText(data));
        g.writeBinaryField("base64", data);
        g.writeEndObject();
    }

    /** Valid UTF-8 with no control characters but line breaks and tabs. */
    static boolean isText(byte[] data) {
        for (byte b : data) {
            if ((b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7f) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void provenance(JsonGenerator g, Provenance p) throws IOException {
        g.writeObjectFieldStart("provenance");
        g.writeStringField("tool_version", p.toolVersion());
        g.writeStringField("generated_at", p.generatedAt());
        g.writeStringField("run_started_at", p.runStartedAt());
        g.writeStringField("run_ended_at", p.runEndedAt());
        g.writeStringField("stopped", p.stopped());
        g.writeStringField("canary_name", p.canaryName());
        g.writeStringField("canary_sha256", p.canarySha256());
        g.writeObjectFieldStart("datasets");
        for (Map.Entry<String, String> d : new TreeMap<>(p.datasets()).entrySet()) {
            g.writeStringField(d.getKey(), d.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("captures");
        for (Provenance.Capture c : p.captures()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("sha256", c.sha256());
            g.writeNumberField("size", c.size());
            g.writeStringField("format", c.format());
            g.writeStringField("imported_at", c.importedAt());
            g.writeNumberField("exchanges", c.exchanges());
            g.writeStringField("first_time", c.firstTime());
            g.writeStringField("last_time", c.lastTime());
            g.writeStringField("error", c.error());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, ReportIndex index) throws IOException {
        AnalysisResult r = index.data().result();
        g.writeObjectFieldStart("totals");
        g.writeNumberField("requests", r.flowCount());
        g.writeNumberField("requests_with_findings", r.findings().stream().map(Finding::flow).distinct().count());
        g.writeNumberField("findings", r.findings().size());
        g.writeNumberField("groups", index.groups().size());
        g.writeNumberField("receivers", index.groups().stream().flatMap(x -> x.receivers().stream()).distinct().count());
        g.writeNumberField("countries", index.groups().stream().flatMap(x -> x.countries().stream()).distinct().count());
        g.writeNumberField("planted", r.canaries().canaries().size());
        g.writeNumberField("planted_left", r.findings().stream().map(Finding::canary).filter(c -> c != null)
                .distinct().count());
        g.writeNumberField("in_sessions", r.findings().stream().filter(f -> f.session() != null).map(Finding::flow)
                .distinct().count());
        g.writeNumberField("expected", r.expected().size());
        g.writeNumberField("opaque", r.opaque().size());
        g.writeEndObject();
    }

    private static void timeline(JsonGenerator g, Timeline t) throws IOException {
        g.writeObjectFieldStart("timeline");
        if (t != null) {
            g.writeStringField("start", t.start() == null ? null : t.start().toString());
            g.writeStringField("end", t.end() == null ? null : t.end().toString());
            g.writeNumberField("untimed", t.untimed());
            g.writeArrayFieldStart("bins");
            for (Timeline.Bin b : t.bins()) {
                g.writeStartArray();
                g.writeNumber(b.requests());
                g.writeNumber(b.withFindings());
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void groups(JsonGenerator g, ReportIndex index) throws IOException {
        g.writeArrayFieldStart("groups");
        List<Group> groups = index.groups();
        for (int i = 0; i < groups.size(); i++) {
            Group x = groups.get(i);
            Finding first = x.first();
            g.writeStartObject();
            g.writeNumberField("id", i);
            g.writeStringField("kind", x.key().kind());
            g.writeStringField("kind_name", Story.kindName(x.key().kind()));
            g.writeStringField("family", org.telltale.api.DataKinds.family(x.key().kind()).key());
            g.writeStringField("canary", x.key().canary());
            g.writeStringField("subject", x.key().subject());
            g.writeStringField("value", first.value());
            g.writeStringField("receiver", x.key().receiver() != null ? x.key().receiver()
                    : String.join(", ", x.receivers()));
            strings(g, "receivers", x.receivers());
            firstSeen(g, first.firstSeen());
            g.writeStringField("confidence", first.confidence().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("requests", x.requests());
            g.writeNumberField("findings", x.findings().size());
            g.writeNumberField("first_finding", index.firstFinding(i));
            g.writeStringField("provenance", first.provenance());
            g.writeStringField("transform", first.transform());
            strings(g, "hosts", x.hosts());
            strings(g, "countries", x.countries());
            g.writeArrayFieldStart("country_names");
            for (String c : x.countries()) {
                g.writeString(Story.country(c));
            }
            g.writeEndArray();
            g.writeObjectFieldStart("country_requests");
            for (Map.Entry<String, Integer> c : x.countryRequests().entrySet()) {
                g.writeNumberField(c.getKey(), c.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("sessions");
            for (Map.Entry<String, Integer> s : x.sessions().entrySet()) {
                g.writeNumberField(s.getKey(), s.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("destinations");
            SortedSet<Integer> ids = new TreeSet<>();
            x.findings().forEach(f -> ids.add(index.destination(f.destination())));
            for (int d : ids) {
                g.writeNumber(d);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Where a learned value was first seen (flow and path), or null. */
    private static void firstSeen(JsonGenerator g, org.telltale.api.FirstSeen seen) throws IOException {
        if (seen == null) {
            g.writeNullField("first_seen");
            return;
        }
        g.writeObjectFieldStart("first_seen");
        g.writeNumberField("flow", seen.flow());
        g.writeStringField("provenance", seen.provenance());
        g.writeStringField("kind", seen.kind());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
