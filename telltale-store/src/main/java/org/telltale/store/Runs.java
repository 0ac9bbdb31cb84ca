package org.telltale.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.AnalysisSink;

/** The analysis runs of a case: a new one, the latest, all of them, pruning, and one played back. */
public final class Runs {
    private static final String COLUMNS = "runs.id, tool_version, canary_sha256, inputs, started_at, ended_at, stopped, "
            + "exchanges, findings, datasets, canary_sets.name";
    private static final String FROM = " FROM runs LEFT JOIN canary_sets ON canary_sets.id = runs.canary_set_id";

    private final Connection c;
    private final Path file;

    Runs(Connection c, Path file) {
        this.c = c;
        this.file = file;
    }

    /** A sink that writes a new run as the analysis streams into it. */
    public RunSink start(RunInfo info) {
        return new RunSink(c, info, RunSink.BATCH);
    }

    /**
     * A sink for the run of a recording: every exchange is committed as it is analysed, so the web
     * view and a report of the case show it at once and a killed recorder loses none of it.
     */
    public RunSink startLive(RunInfo info) {
        return new RunSink(c, info, 1);
    }

    /** Every run, oldest first. */
    public List<StoredRun> list() throws CaseFileException {
        try {
            return query("SELECT " + COLUMNS + FROM + " ORDER BY runs.id");
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot list the runs", e);
        }
    }

    /** The run reports show: the latest that ended; null when none has. */
    public StoredRun latest() throws CaseFileException {
        try {
            List<StoredRun> runs = query("SELECT " + COLUMNS + FROM
                    + " WHERE ended_at IS NOT NULL ORDER BY runs.id DESC LIMIT 1");
            return runs.isEmpty() ? null : runs.get(0);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot find the latest run", e);
        }
    }

    /** The newest run, ended or still running (a recording's); null when there is none. */
    public StoredRun newest() throws CaseFileException {
        try {
            List<StoredRun> runs = query("SELECT " + COLUMNS + FROM + " ORDER BY runs.id DESC LIMIT 1");
            return runs.isEmpty() ? null : runs.get(0);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot find the newest run", e);
        }
    }

    private List<StoredRun> query(String sql) throws SQLException {
        List<StoredRun> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new StoredRun(r.getLong(1), r.getString(2), r.getString(3), Json.strings(r.getString(4)),
                        r.getString(5), r.getString(6), r.getString(7), r.getLong(8), r.getLong(9),
                        Json.stringMap(r.getString(10)), r.getString(11)));
            }
        }
        c.commit();
        return out;
    }

    /**
     * Deletes all runs but the {@code keep} latest that ended (and any newer one still running), with
     * their results and the destinations no run refers to any more.
     *
     * @return how many runs were deleted
     */
    public int prune(int keep) throws CaseFileException {
        try {
            return delete(keep);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot prune the runs", e);
        }
    }

    private int delete(int keep) throws SQLException {
        int deleted;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs WHERE "
                + "ended_at IS NOT NULL ORDER BY id DESC LIMIT ?1) AND id < coalesce((SELECT max(id) FROM runs WHERE "
                + "ended_at IS NOT NULL), 0)")) {
            s.setInt(1, Math.max(0, keep));
            deleted = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM destinations WHERE id NOT IN (SELECT destination_id "
                + "FROM findings WHERE destination_id IS NOT NULL UNION SELECT destination_id FROM run_opaque WHERE "
                + "destination_id IS NOT NULL)")) {
            s.executeUpdate();
        }
        c.commit();
        return deleted;
    }

    /** Plays a stored run into a sink, as the analysis did (flows with something to show, then opaque connections). */
    public void replay(StoredRun run, AnalysisSink sink) throws CaseFileException {
        try {
            new RunReplay(c, run).into(sink);
            c.commit();
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read run #" + run.id(), e);
        }
    }

    /** Queries over one run's findings, for reports. */
    public RunQueries queries(StoredRun run) {
        return new RunQueries(c, file, run.id());
    }
}
