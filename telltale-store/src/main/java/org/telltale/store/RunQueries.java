package org.telltale.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report asks of one run: findings counted by organisation, country, kind or session, and
 * one page of them in order. Each is one indexed query (see the findings_by_* indexes).
 */
public final class RunQueries {
    /** What findings can be counted by, and the column that says it. */
    public enum By {
        ORGANIZATION("coalesce(d.organization, d.registrable_domain, d.host, d.ip)"),
        COUNTRY("d.country"),
        KIND("f.kind"),
        SESSION("f.session");

        private final String column;

        By(String column) {
            this.column = column;
        }
    }

    /**
     * One finding as a report lists it.
     *
     * @param id       its row id
     * @param flow     the flow index
     * @param kind     the canary type or detector
     * @param canary   the canary id, or null
     * @param value    the value
     * @param location where in the request
     * @param host     where it went
     * @param organization who is behind it, or null
     */
    public record Row(long id, int flow, String kind, String canary, String value, String location, String host,
                      String organization) {
    }

    private final Connection c;
    private final Path file;
    private final long runId;

    RunQueries(Connection c, Path file, long runId) {
        this.c = c;
        this.file = file;
        this.runId = runId;
    }

    /** Findings per value of the grouping (null stands for "unknown" or "no session"), most first. */
    public Map<String, Long> count(By by) throws CaseFileException {
        try {
            return counts(by);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot count the findings of run #" + runId, e);
        }
    }

    private Map<String, Long> counts(By by) throws SQLException {
        // Facts of destinations are counted per destination first, from the (run_id, destination_id) index
        // alone, and only then joined to the few distinct destinations: a join per finding first costs
        // tenths of a second on a million findings.
        String sql = by == By.KIND || by == By.SESSION
                ? "SELECT " + by.column + " AS g, count(*) AS n FROM findings f WHERE f.run_id = ? GROUP BY g"
                : "SELECT " + by.column + " AS g, sum(f.n) AS n FROM (SELECT destination_id, count(*) AS n FROM findings"
                        + " WHERE run_id = ? GROUP BY destination_id) f LEFT JOIN destinations d ON d.id = f.destination_id"
                        + " GROUP BY g";
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql + " ORDER BY n DESC, g")) {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        c.commit();
        return out;
    }

    /** One page of findings in flow order: those after {@code afterId} (0 for the first page). */
    public List<Row> page(long afterId, int size) throws CaseFileException {
        try {
            return rows(afterId, size);
        } catch (SQLException e) {
            throw new CaseFileException(file, "cannot read the findings of run #" + runId, e);
        }
    }

    private List<Row> rows(long afterId, int size) throws SQLException {
        List<Row> out = new ArrayList<>(size);
        try (PreparedStatement s = c.prepareStatement("SELECT f.id, f.flow_index, f.kind, f.canary, f.value, "
                + "f.location, d.host, d.organization FROM findings f LEFT JOIN destinations d ON d.id = f.destination_id "
                + "WHERE f.run_id = ? AND f.id > ? ORDER BY f.id LIMIT ?")) {
            s.setLong(1, runId);
            s.setLong(2, afterId);
            s.setInt(3, size);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Row(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8)));
                }
            }
        }
        c.commit();
        return out;
    }
}
