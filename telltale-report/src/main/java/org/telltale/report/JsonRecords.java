package org.telltale.report;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;

import org.telltale.api.Attribution;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.FirstSeen;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.Step;
import org.telltale.api.TlsKeyLog;

/**
 * Every record the JSON outputs hold, written in one place so the document and the JSON lines use
 * the same fields in the same key style (snake_case). Field names are a contract (see the README):
 * add fields, never rename them.
 */
public final class JsonRecords {
    private JsonRecords() {
    }

    public static void flow(JsonGenerator g, String type, Flow f) throws IOException {
        g.writeStartObject();
        type(g, type);
        g.writeNumberField("index", f.index());
        g.writeStringField("id", f.id());
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
        g.writeBooleanField("analysis_incomplete", f.analysisIncomplete());
        g.writeEndObject();
    }

    /** @param destinationId the destination's number in the destinations table, or -1 when there is none */
    public static void finding(JsonGenerator g, String type, Finding f, int destinationId) throws IOException {
        finding(g, type, f, destinationId, true);
    }

    /**
     * @param inlineDestination whether the destination's facts are repeated inside the finding; a
     *                          document with a destinations table may leave them there
     */
    public static void finding(JsonGenerator g, String type, Finding f, int destinationId, boolean inlineDestination)
            throws IOException {
        g.writeStartObject();
        type(g, type);
        g.writeNumberField("flow", f.flow());
        g.writeStringField("flow_id", f.flowId());
        g.writeStringField("canary", f.canary());
        g.writeStringField("kind", f.kind());
        g.writeStringField("value", f.value());
        g.writeStringField("matched", f.matched());
        g.writeStringField("location", f.location().text());
        g.writeNumberField("location_index", f.location().index());
        g.writeArrayFieldStart("path");
        for (Step s : f.steps()) {
            g.writeString(s.label());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("steps");
        for (Step s : f.steps()) {
            step(g, s);
        }
        g.writeEndArray();
        g.writeNumberField("start", f.start());
        g.writeNumberField("end", f.end());
        g.writeStringField("provenance", f.provenance());
        g.writeStringField("transform", f.transform());
        g.writeStringField("confidence", f.confidence().name().toLowerCase(Locale.ROOT));
        g.writeStringField("session", f.session());
        firstSeen(g, f.firstSeen());
        destinationId(g, destinationId);
        if (inlineDestination) {
            destination(g, f.destination());
        }
        g.writeEndObject();
    }

    /**
     * The device's profile per receiver, "profile_summary": one object per receiver with the profile
     * kinds it received, the requests and the sentence reports print; the findings stay in "findings".
     */
    static void profileSummary(JsonGenerator g, ProfileSummary summary) throws IOException {
        g.writeArrayFieldStart("profile_summary");
        for (ProfileSummary.Entry e : summary.entries()) {
            g.writeStartObject();
            g.writeStringField("receiver", e.receiver());
            g.writeArrayFieldStart("kinds");
            for (String k : e.kinds()) {
                g.writeString(k);
            }
            g.writeEndArray();
            g.writeNumberField("requests", e.requests());
            g.writeStringField("summary", e.sentence());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Where a value learned from another request was first seen: {flow, flow_id, kind, provenance}, or null. */
    private static void firstSeen(JsonGenerator g, FirstSeen seen) throws IOException {
        if (seen == null) {
            g.writeNullField("first_seen");
            return;
        }
        g.writeObjectFieldStart("first_seen");
        g.writeNumberField("flow", seen.flow());
        g.writeStringField("flow_id", seen.flowId());
        g.writeStringField("kind", seen.kind());
        g.writeStringField("provenance", seen.provenance());
        g.writeEndObject();
    }

    private static void step(JsonGenerator g, Step s) throws IOException {
        g.writeStartObject();
        g.writeStringField("decoder", s.decoder());
        g.writeStringField("label", s.label());
        g.writeNumberField("index", s.index());
        if (s.hasSpan()) {
            g.writeNumberField("start", s.start());
            g.writeNumberField("end", s.end());
        } else {
            g.writeNullField("start");
            g.writeNullField("end");
        }
        g.writeEndObject();
    }

    public static void expected(JsonGenerator g, String type, ExpectedMatch e) throws IOException {
        g.writeStartObject();
        type(g, type);
        g.writeNumberField("flow", e.flow());
        g.writeStringField("flow_id", e.flowId());
        g.writeStringField("canary", e.canary());
        g.writeStringField("host", e.host());
        g.writeStringField("allowed_by", e.allowedBy());
        g.writeEndObject();
    }

    public static void opaque(JsonGenerator g, String type, OpaqueFlow o, int destinationId) throws IOException {
        OpaqueConnection c = o.connection();
        g.writeStartObject();
        type(g, type);
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
        g.writeStringField("reason", c.reason());
        g.writeStringField("session", o.session());
        g.writeStringField("input", o.input());
        g.writeStringField("origin", c.origin());
        destinationId(g, destinationId);
        destination(g, o.destination());
        g.writeEndObject();
    }

    public static void diagnostic(JsonGenerator g, String type, Diagnostic d) throws IOException {
        g.writeStartObject();
        type(g, type);
        if (d.flow() == null) {
            g.writeNullField("flow");
        } else {
            g.writeNumberField("flow", d.flow());
        }
        g.writeStringField("input", d.input());
        g.writeStringField("origin", d.origin());
        g.writeStringField("message", d.message());
        g.writeBooleanField("fatal", d.fatal());
        g.writeNumberField("count", d.count());
        g.writeArrayFieldStart("places");
        for (String p : d.places()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Counts only: the secrets themselves go where the user asks (analyze --save-tls-keys). */
    static void tlsKeyLog(JsonGenerator g, String type, TlsKeyLog k) throws IOException {
        g.writeStartObject();
        type(g, type);
        g.writeStringField("input", k.input());
        g.writeNumberField("secrets", k.secrets());
        g.writeEndObject();
    }

    /** One row of the destinations table: the destination and its number. */
    public static void destinationRow(JsonGenerator g, int id, Destination d) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", id);
        destinationFields(g, d);
        g.writeEndObject();
    }

    /** The record's type first, in JSON lines where records of every kind share one stream; else nothing. */
    private static void type(JsonGenerator g, String type) throws IOException {
        if (type != null) {
            g.writeStringField("type", type);
        }
    }

    private static void destinationId(JsonGenerator g, int id) throws IOException {
        if (id >= 0) {
            g.writeNumberField("destination_id", id);
        }
    }

    /** A {@code destination} object: the host with every fact of its attribution and the dataset of each. */
    public static void destination(JsonGenerator g, Destination d) throws IOException {
        g.writeObjectFieldStart("destination");
        destinationFields(g, d);
        g.writeEndObject();
    }

    private static void destinationFields(JsonGenerator g, Destination d) throws IOException {
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
        for (Map.Entry<String, String> s : new TreeMap<>(a.sources()).entrySet()) {
            g.writeStringField(snakeCase(s.getKey()), s.getValue());
        }
        g.writeEndObject();
    }

    /** Fact names as the JSON fields they stand for ("asOrg" becomes "as_org"). */
    public static String snakeCase(String name) {
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
