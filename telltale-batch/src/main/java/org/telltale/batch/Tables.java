package org.telltale.batch;

import static org.telltale.batch.Column.Type.BOOLEAN;
import static org.telltale.batch.Column.Type.INT;
import static org.telltale.batch.Column.Type.LONG;
import static org.telltale.batch.Column.Type.STEPS;
import static org.telltale.batch.Column.Type.STRING;
import static org.telltale.batch.Column.Type.STRINGS;
import static org.telltale.batch.Column.Type.TIMESTAMP;

import java.util.List;
import java.util.Set;

/**
 * Every table a batch run writes, in one place: the row tables (one row per capture, flow, finding,
 * distinct destination and error, each under a {@code run=...} folder) and the aggregates over the latest
 * analysis of every capture. Column names are the JSON result's field names where the JSON has the fact
 * (see the README's "JSON result"), so a reader of one knows the other.
 */
public final class Tables {
    private Tables() {
    }

    /** The partition column of the row tables: the run that wrote the row (a folder {@code run=ID}). */
    public static final String RUN = "run";

    /** What the bundled datasets say of a destination, as columns (the JSON's {@code destination} fields). */
    static final List<Column> ATTRIBUTION = Table.named("attribution")
            .with(STRING, "registrable_domain", "organization", "parent", "organization_country", "country")
            .with(LONG, "asn")
            .with(STRING, "as_org", "tracker_category", "tracker_name")
            .build().columns();

    /** One row per capture analysed. */
    public static final Table CAPTURES = Table.named("captures")
            .with(STRING, "capture", "input", "capture_sha256", "format")
            .with(LONG, "size")
            .with(STRING, "canaries", "spec_digest")
            .with(INT, "flows", "findings", "opaque", "errors")
            .with(BOOLEAN, "fatal")
            .build();

    /** One row per exchange. */
    public static final Table FLOWS = Table.named("flows")
            .with(STRING, "capture", "capture_sha256")
            .with(INT, "index")
            .with(STRING, "id")
            .with(TIMESTAMP, "time")
            .with(STRING, "method", "url", "host", "server_ip")
            .with(INT, "server_port")
            .with(STRING, "session", "input", "origin", "app")
            .with(BOOLEAN, "incomplete", "analysis_incomplete")
            .with(INT, "findings")
            .build();

    /** The finding's own columns, before its destination's attribution is joined on. */
    public static final Table FINDINGS_UNATTRIBUTED = Table.named("findings")
            .with(STRING, "capture", "capture_sha256")
            .with(INT, "flow")
            .with(STRING, "flow_id", "canary", "kind", "value", "matched", "location")
            .with(INT, "location_index")
            .with(STRINGS, "path")
            .with(STEPS, "steps")
            .with(INT, "start", "end")
            .with(STRING, "provenance", "transform", "confidence", "session", "app", "host", "ip")
            .with(INT, "port")
            .build();

    /** One row per finding, with its destination and who is behind it. */
    public static final Table FINDINGS = Table.named("findings")
            .with(FINDINGS_UNATTRIBUTED.columns()).with(ATTRIBUTION).build();

    /** The columns that name a destination: the key findings are joined to destinations on. */
    public static final List<String> DESTINATION_KEY = List.of("host", "ip", "port");

    /** One row per distinct destination of a finding in the run, attributed once. */
    public static final Table DESTINATIONS = Table.named("destinations")
            .with(STRING, "host", "ip").with(INT, "port").with(ATTRIBUTION).build();

    /** One row per problem met reading or decoding a capture (a capture that cannot be read at all included). */
    public static final Table ERRORS = Table.named("errors")
            .with(STRING, "capture", "input", "capture_sha256")
            .with(INT, "flow")
            .with(STRING, "origin", "message")
            .with(BOOLEAN, "fatal")
            .with(LONG, "count")
            .build();

    /** The row tables, in the order they are written. */
    public static final List<Table> ROWS = List.of(CAPTURES, FLOWS, FINDINGS, DESTINATIONS, ERRORS);

    /** Per capture and app (PCAPdroid names the app of each flow; else null): how much left, and to how many. */
    public static final Table BY_APP = Table.named("by_app")
            .with(STRING, "capture", "capture_sha256", "app")
            .with(LONG, "flows", "findings", "kinds", "organizations")
            .build();

    /** Per kind of data: how often, in how many flows and captures, to how many organisations. */
    public static final Table BY_KIND = Table.named("by_kind")
            .with(STRING, "kind")
            .with(LONG, "findings", "flows", "captures", "organizations")
            .build();

    /** Per organisation and the country of the server: how much it received, of how many kinds, from how many captures. */
    public static final Table BY_ORGANIZATION = Table.named("by_organization")
            .with(STRING, "organization", "country")
            .with(LONG, "findings", "kinds", "captures")
            .build();

    /** Across captures: each identifier value, the captures it left and the organisations it reached. */
    public static final Table IDENTIFIERS = Table.named("identifiers")
            .with(STRING, "kind", "value")
            .with(LONG, "captures", "findings")
            .with(STRINGS, "organizations")
            .build();

    /** The aggregates, written under {@code aggregates/} and rewritten by every run. */
    public static final List<Table> AGGREGATES = List.of(BY_APP, BY_KIND, BY_ORGANIZATION, IDENTIFIERS);

    /** The kinds of data that identify a device or a person across captures (canary types and detectors alike). */
    public static final Set<String> IDENTIFIER_KINDS = Set.of("imei", "android_id", "advertising_id", "mac", "email",
            "phone");
}
