package org.telltale.report.scan;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

import org.telltale.api.Destination;
import org.telltale.api.scan.AppIdentity;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CaseLinks;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.api.scan.Comparison;
import org.telltale.api.scan.Signing;
import org.telltale.api.scan.TrackerHit;
import org.telltale.report.JsonRecords;

/**
 * {@code telltale scan} and {@code compare} as JSON, in the same key style as the capture reports
 * (snake_case); field names are a contract: add fields, never rename them.
 */
public final class ScanJson {
    private ScanJson() {
    }

    public static void app(JsonGenerator g, AppScan scan) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", scan.file());
        g.writeStringField("sha256", scan.sha256());
        g.writeNumberField("size", scan.size());
        AppIdentity app = scan.app();
        g.writeObjectFieldStart("app");
        g.writeStringField("package", app.packageName());
        g.writeStringField("version_name", app.versionName());
        g.writeNumberField("version_code", app.versionCode());
        g.writeNumberField("min_sdk", app.minSdk());
        g.writeNumberField("target_sdk", app.targetSdk());
        strings(g, "permissions", app.permissions());
        g.writeArrayFieldStart("components");
        for (AppIdentity.Component c : app.components()) {
            g.writeStartObject();
            g.writeStringField("kind", c.kind());
            g.writeStringField("name", c.name());
            if (c.exported() != null) {
                g.writeBooleanField("exported", c.exported());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        Signing signing = scan.signing();
        g.writeObjectFieldStart("signing");
        g.writeBooleanField("verified", signing.verified());
        strings(g, "schemes", signing.schemes());
        g.writeArrayFieldStart("certificates");
        for (Signing.Certificate c : signing.certificates()) {
            g.writeStartObject();
            g.writeStringField("sha256", c.sha256());
            g.writeStringField("subject", c.subject());
            g.writeStringField("not_before", c.notBefore());
            g.writeStringField("not_after", c.notAfter());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "problems", signing.problems());
        g.writeEndObject();
        g.writeObjectFieldStart("code");
        g.writeNumberField("dex_files", scan.code().dexFiles());
        g.writeNumberField("jar_classes", scan.code().jarClasses());
        g.writeNumberField("classes", scan.code().classes());
        g.writeNumberField("methods", scan.code().methods());
        g.writeNumberField("native_libraries", scan.code().nativeLibs());
        g.writeEndObject();
        g.writeArrayFieldStart("trackers");
        for (TrackerHit t : scan.trackers()) {
            g.writeStartObject();
            g.writeStringField("id", t.id());
            g.writeStringField("name", t.name());
            strings(g, "categories", t.categories());
            g.writeStringField("website", t.website());
            g.writeStringField("reach", t.reach().name().toLowerCase(java.util.Locale.ROOT));
            g.writeNumberField("classes", t.classes());
            strings(g, "sample_classes", t.sampleClasses());
            strings(g, "callers", t.callers());
            strings(g, "path", t.path());
            strings(g, "endpoints", t.endpoints());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("endpoints");
        for (CodeEndpoint e : scan.endpoints()) {
            g.writeStartObject();
            g.writeStringField("host", e.host());
            g.writeStringField("url", e.url());
            g.writeStringField("where", e.where());
            g.writeStringField("tracker", e.tracker());
            JsonRecords.destination(g, new Destination(e.host(), null, 0, e.attribution()));
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "notes", scan.notes());
        g.writeEndObject();
    }

    public static void comparison(JsonGenerator g, Comparison c) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("images");
        for (Comparison.ImageSummary i : c.images()) {
            g.writeStartObject();
            g.writeStringField("image", i.image());
            g.writeNumberField("apps", i.apps());
            g.writeNumberField("classes", i.classes());
            strings(g, "trackers", i.trackers());
            g.writeNumberField("hosts", i.endpoints());
            strings(g, "notes", i.notes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("pairs");
        for (Comparison.ImagePair p : c.pairs()) {
            g.writeStartObject();
            g.writeStringField("a", p.a());
            g.writeStringField("b", p.b());
            g.writeArrayFieldStart("same_apps");
            for (Comparison.SameApp app : p.sameApps()) {
                g.writeStartObject();
                g.writeStringField("package", app.packageName());
                g.writeStringField("file_a", app.fileA());
                g.writeStringField("file_b", app.fileB());
                g.writeBooleanField("same_signer", app.sameSigner());
                g.writeNumberField("shared_classes", app.sharedClasses());
                g.writeNumberField("classes_a", app.classesA());
                g.writeNumberField("classes_b", app.classesB());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("shared_code");
            for (Comparison.SharedCode code : p.sharedCode()) {
                g.writeStartObject();
                g.writeStringField("tracker", code.tracker());
                g.writeStringField("tracker_name", code.trackerName());
                g.writeNumberField("classes", code.classes());
                g.writeNumberField("renamed", code.renamed());
                g.writeNumberField("other_apps", code.otherApps());
                g.writeArrayFieldStart("samples");
                for (Comparison.ClassMatch m : code.samples()) {
                    g.writeStartObject();
                    g.writeStringField("app_a", m.appA());
                    g.writeStringField("class_a", m.classA());
                    g.writeStringField("app_b", m.appB());
                    g.writeStringField("class_b", m.classB());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            strings(g, "shared_hosts", p.sharedEndpoints());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static void caseLinks(JsonGenerator g, CaseLinks links) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("hosts");
        for (CaseLinks.HostLink h : links.hosts()) {
            g.writeStartObject();
            g.writeStringField("host", h.host());
            g.writeNumberField("exchanges", h.exchanges());
            g.writeBooleanField("same_host", h.sameHost());
            strings(g, "named_by", h.namedBy());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("trackers");
        for (CaseLinks.TrackerTraffic t : links.trackers()) {
            g.writeStartObject();
            g.writeStringField("app", t.app());
            g.writeStringField("tracker", t.tracker());
            g.writeStringField("name", t.name());
            strings(g, "seen", t.seen());
            strings(g, "not_seen", t.notSeen());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
