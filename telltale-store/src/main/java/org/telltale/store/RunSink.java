package org.telltale.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueFlow;

/**
 * Writes one analysis run into the case as its results stream, one transaction per batch of
 * exchanges, so a run that is killed leaves whole batches and no end time (and is never shown as the
 * latest). Only flows with something to show are stored; the exchanges themselves are already there.
 */
public final class RunSink implements AnalysisSink {
    /** Exchanges per transaction of an analysis of captures. */
    static final int BATCH = 1000;

    private final Connection c;
    private final RunInfo info;
    private final Destinations destinations;
    /** Exchanges per transaction: {@link #BATCH}, or 1 while recording, so a kill loses nothing already shown. */
    private final int batch;
    private long runId = -1;
    private PreparedStatement flow;
    /** The flow of learned findings, which may or may not have one already. */
    private PreparedStatement flowOnce;
    private PreparedStatement finding;
    private PreparedStatement expected;
    private PreparedStatement opaque;
    private long exchanges;
    private long findings;
    private long opaqueSeq;

    RunSink(Connection c, RunInfo info, int batch) {
        this.c = c;
        this.info = info;
        this.batch = batch;
        this.destinations = new Destinations(c);
    }

    /** The run's id, once begun. */
    public long runId() {
        return runId;
    }

    @Override
    public void begin(List<String> inputs) {
        try {
            runId = Sql.insert(c, "INSERT INTO runs (tool_version, engine, canary_set_id, canary_sha256, datasets, "
                    + "inputs, started_at) VALUES (?,?,?,?,?,?,?)", info.toolVersion(),
                    Json.write(new TreeMap<>(info.engine())), info.canaries() == null ? null : info.canaries().id(),
                    info.canaries() == null ? null : info.canaries().sha256(), Json.write(new TreeMap<>(info.datasets())),
                    Json.write(inputs), Times.now());
            c.commit();
            flow = c.prepareStatement("INSERT INTO run_flows (run_id, flow_index, flow_id, exchange_id, input, host, "
                    + "session, analysis_incomplete) VALUES (?,?,?,(SELECT id FROM exchanges WHERE flow_id = ? "
                    + "ORDER BY id LIMIT 1),?,?,?,?)");
            flowOnce = c.prepareStatement("INSERT OR IGNORE INTO run_flows (run_id, flow_index, flow_id, exchange_id, "
                    + "input, host, session, analysis_incomplete) VALUES (?,?,?,(SELECT id FROM exchanges WHERE "
                    + "flow_id = ? ORDER BY id LIMIT 1),?,?,?,?)");
            finding = c.prepareStatement("INSERT INTO findings (run_id, flow_index, flow_id, canary, kind, value, "
                    + "matched, location, location_index, steps, start, end, transform, confidence, session, "
                    + "destination_id, first_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            expected = c.prepareStatement("INSERT INTO expected_matches (run_id, flow_index, flow_id, canary, host, "
                    + "allowed_by) VALUES (?,?,?,?,?,?)");
            opaque = c.prepareStatement("INSERT INTO run_opaque (run_id, seq, input, session, destination_id, "
                    + OpaqueRows.COLUMNS + ") VALUES (?,?,?,?,?," + OpaqueRows.placeholders() + ")");
        } catch (SQLException e) {
            throw new StoreException("cannot start a run", e);
        }
    }

    @Override
    public void exchange(ExchangeAnalysis a) {
        try {
            Flow f = a.flow();
            if (!a.findings().isEmpty() || !a.expected().isEmpty() || f.analysisIncomplete()) {
                flow(f);
                for (Finding x : a.findings()) {
                    finding(x);
                }
                for (ExpectedMatch e : a.expected()) {
                    Sql.run(expected, runId, e.flow(), e.flowId(), e.canary(), e.host(), e.allowedBy());
                }
            }
            if (++exchanges % batch == 0) {
                commit();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the analysis of " + a.flow().id(), e);
        }
    }

    private void flow(Flow f) throws SQLException {
        flow(flow, f);
    }

    private void flow(PreparedStatement insert, Flow f) throws SQLException {
        Sql.run(insert, runId, f.index(), f.id(), f.id(), f.input(), f.host(), f.session(),
                f.analysisIncomplete() ? 1 : 0);
    }

    @Override
    public void learned(Flow f, List<Finding> more) {
        try {
            flow(flowOnce, f);
            for (Finding x : more) {
                finding(x);
            }
            if (batch == 1) {
                commit();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the learned findings of " + f.id(), e);
        }
    }

    private void finding(Finding f) throws SQLException {
        Sql.run(finding, runId, f.flow(), f.flowId(), f.canary(), f.kind(), f.value(), f.matched(), f.location().text(),
                f.location().index(), Json.steps(f.steps()), f.start(), f.end(), f.transform(),
                f.confidence().name().toLowerCase(Locale.ROOT), f.session(), destinations.id(f.destination()),
                Json.firstSeen(f.firstSeen()));
        findings++;
    }

    @Override
    public void opaque(OpaqueFlow o) {
        try {
            opaque.setLong(1, runId);
            opaque.setLong(2, opaqueSeq++);
            opaque.setString(3, o.input());
            opaque.setString(4, o.session());
            opaque.setObject(5, destinations.id(o.destination()));
            OpaqueRows.bind(opaque, 6, o.connection());
            opaque.executeUpdate();
            if (batch == 1) {
                commit();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store an opaque connection", e);
        }
    }

    @Override
    public void end(List<Diagnostic> diagnostics, String stopped) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO run_diagnostics (run_id, seq, flow_index, input, "
                + "origin, message, fatal, count, places) VALUES (?,?,?,?,?,?,?,?,?)")) {
            int seq = 0;
            for (Diagnostic d : diagnostics) {
                Sql.run(s, runId, seq++, d.flow(), d.input(), d.origin(), d.message(), d.fatal() ? 1 : 0, d.count(),
                        Json.write(d.places()));
            }
            try (PreparedStatement u = c.prepareStatement("UPDATE runs SET ended_at = ?, stopped = ? WHERE id = ?")) {
                Sql.run(u, Times.now(), stopped, runId);
            }
            commit();
            for (PreparedStatement p : List.of(flow, flowOnce, finding, expected, opaque)) {
                p.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot end the run", e);
        }
    }

    private void commit() throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE runs SET exchanges = ?, findings = ? WHERE id = ?")) {
            Sql.run(u, exchanges, findings, runId);
        }
        c.commit();
    }
}
