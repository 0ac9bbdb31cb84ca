package org.telltale.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Location;
import org.telltale.api.OpaqueFlow;

/**
 * A stored run played into any {@link AnalysisSink}, so the JSON and JSON lines renderers write a
 * case's latest run exactly as they write a live one. Flows come in index order with their findings
 * and expected matches (read by three cursors moving together), then the opaque connections.
 */
final class RunReplay {
    private final Connection c;
    private final StoredRun run;

    RunReplay(Connection c, StoredRun run) {
        this.c = c;
        this.run = run;
    }

    void into(AnalysisSink sink) throws SQLException {
        sink.begin(run.inputs());
        Map<Long, Destination> destinations = Destinations.ofRun(c, run.id());
        try (PreparedStatement fs = select("SELECT f.flow_index, f.flow_id, e.time, e.method, e.url, f.host, "
                + "e.server_ip, e.server_port, f.session, f.input, e.origin, e.app, e.incomplete, f.analysis_incomplete "
                + "FROM run_flows f LEFT JOIN exchanges e ON e.id = f.exchange_id WHERE f.run_id = ? ORDER BY f.flow_index");
             PreparedStatement xs = select("SELECT flow_index, flow_id, canary, kind, value, matched, location, "
                + "location_index, steps, start, end, transform, confidence, session, destination_id, first_seen FROM findings "
                + "WHERE run_id = ? ORDER BY flow_index, id"); // learned findings come after the others
             PreparedStatement es = select("SELECT flow_index, flow_id, canary, host, allowed_by FROM expected_matches "
                + "WHERE run_id = ? ORDER BY flow_index, rowid");
             ResultSet flows = fs.executeQuery(); ResultSet findings = xs.executeQuery();
             ResultSet expected = es.executeQuery()) {
            boolean moreFindings = findings.next();
            boolean moreExpected = expected.next();
            while (flows.next()) {
                Flow flow = flow(flows);
                List<Finding> fl = new ArrayList<>();
                for (; moreFindings && findings.getInt(1) == flow.index(); moreFindings = findings.next()) {
                    fl.add(finding(findings, destinations));
                }
                List<ExpectedMatch> el = new ArrayList<>();
                for (; moreExpected && expected.getInt(1) == flow.index(); moreExpected = expected.next()) {
                    el.add(new ExpectedMatch(expected.getInt(1), expected.getString(2), expected.getString(3),
                            expected.getString(4), expected.getString(5)));
                }
                sink.exchange(new ExchangeAnalysis(flow, fl, el, List.of()));
            }
        }
        opaque(sink, destinations);
        sink.end(diagnostics(), run.stopped());
    }

    private PreparedStatement select(String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setLong(1, run.id());
        return s;
    }

    private static Flow flow(ResultSet r) throws SQLException {
        String flowId = r.getString(2);
        String origin = r.getString(11);
        return new Flow(r.getInt(1), flowId, Times.parse(r.getString(3)), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getInt(8), r.getString(9), r.getString(10),
                origin != null ? origin : flowId.substring(flowId.indexOf('/') + 1), r.getString(12),
                r.getInt(13) != 0, r.getInt(14) != 0);
    }

    private static Finding finding(ResultSet r, Map<Long, Destination> destinations) throws SQLException {
        long destinationId = r.getLong(15);
        Destination d = r.wasNull() ? null : destinations.get(destinationId);
        return new Finding(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), Location.parse(r.getString(7), r.getInt(8)), Json.steps(r.getString(9)),
                r.getInt(10), r.getInt(11), r.getString(12), Confidence.valueOf(r.getString(13).toUpperCase(Locale.ROOT)),
                r.getString(14), d, Json.firstSeen(r.getString(16)));
    }

    private void opaque(AnalysisSink sink, Map<Long, Destination> destinations) throws SQLException {
        try (PreparedStatement s = select("SELECT input, session, destination_id, " + OpaqueRows.COLUMNS
                + " FROM run_opaque WHERE run_id = ? ORDER BY seq"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long destinationId = r.getLong(3);
                Destination d = r.wasNull() ? null : destinations.get(destinationId);
                sink.opaque(new OpaqueFlow(OpaqueRows.read(r, 4), r.getString(2), r.getString(1), d));
            }
        }
    }

    private List<Diagnostic> diagnostics() throws SQLException {
        List<Diagnostic> out = new ArrayList<>();
        try (PreparedStatement s = select("SELECT flow_index, input, origin, message, fatal, count, places "
                + "FROM run_diagnostics WHERE run_id = ? ORDER BY seq"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                int flow = r.getInt(1);
                Integer flowIndex = r.wasNull() ? null : flow;
                out.add(new Diagnostic(flowIndex, r.getString(2), r.getString(3), r.getString(4), r.getInt(5) != 0,
                        r.getLong(6), Json.strings(r.getString(7))));
            }
        }
        return out;
    }
}
