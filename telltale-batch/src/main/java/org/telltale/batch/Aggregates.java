package org.telltale.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The aggregate tables of {@code telltale batch}, computed from the row tables as written, over the
 * latest run of every capture (a capture analysed again counts once, as last analysed). The Spark job
 * computes the same tables with Spark SQL (SparkAggregates); the tests hold the two to each other. Counts
 * of organisations leave out destinations no dataset knows.
 */
public final class Aggregates {
    private Aggregates() {
    }

    /** Each aggregate table's rows, from the row tables under dir. */
    public static Map<Table, List<Object[]>> compute(Path dir) throws IOException {
        Map<String, String> latest = new HashMap<>();
        int shaOfCapture = Tables.CAPTURES.index("capture_sha256");
        int runOfCapture = Tables.CAPTURES.columns().size();
        ParquetTableReader.forEach(dir, Tables.CAPTURES, r -> {
            if (r[shaOfCapture] != null) {
                latest.merge((String) r[shaOfCapture], (String) r[runOfCapture], (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        });
        Map<List<Object>, Counts> byApp = new HashMap<>();
        Table flows = Tables.FLOWS;
        ParquetTableReader.forEach(dir, flows, r -> {
            if (current(latest, r, flows)) {
                byApp.computeIfAbsent(appKey(r, flows), k -> new Counts()).flows++;
            }
        });
        Map<List<Object>, Counts> byKind = new HashMap<>();
        Map<List<Object>, Counts> byOrganization = new HashMap<>();
        Map<List<Object>, Counts> identifiers = new HashMap<>();
        Table f = Tables.FINDINGS;
        int kind = f.index("kind");
        int value = f.index("value");
        int flowId = f.index("flow_id");
        int sha = f.index("capture_sha256");
        int organization = f.index("organization");
        int country = f.index("country");
        ParquetTableReader.forEach(dir, f, r -> {
            if (!current(latest, r, f)) {
                return;
            }
            Object org = r[organization];
            byApp.computeIfAbsent(appKey(r, f), k -> new Counts()).add(r[kind], null, null, org);
            byKind.computeIfAbsent(List.of(r[kind]), k -> new Counts()).add(r[kind], r[flowId], r[sha], org);
            byOrganization.computeIfAbsent(Arrays.asList(org, r[country]), k -> new Counts())
                    .add(r[kind], null, r[sha], null);
            if (Tables.IDENTIFIER_KINDS.contains(r[kind])) {
                identifiers.computeIfAbsent(List.of(r[kind], r[value]), k -> new Counts()).add(null, null, r[sha], org);
            }
        });
        Map<Table, List<Object[]>> out = new HashMap<>();
        out.put(Tables.BY_APP, rows(byApp, c -> new Object[] {c.flows, c.findings, (long) c.kinds.size(),
            (long) c.organizations.size()}));
        out.put(Tables.BY_KIND, rows(byKind, c -> new Object[] {c.findings, (long) c.flowIds.size(),
            (long) c.captures.size(), (long) c.organizations.size()}));
        out.put(Tables.BY_ORGANIZATION, rows(byOrganization, c -> new Object[] {c.findings, (long) c.kinds.size(),
            (long) c.captures.size()}));
        out.put(Tables.IDENTIFIERS, rows(identifiers, c -> new Object[] {(long) c.captures.size(), c.findings,
            List.copyOf(new TreeSet<>(c.organizations))}));
        return out;
    }

    private static boolean current(Map<String, String> latest, Object[] row, Table table) {
        Object sha = row[table.index("capture_sha256")];
        return sha != null && Objects.equals(latest.get(sha), row[table.columns().size()]);
    }

    private static List<Object> appKey(Object[] row, Table table) {
        return Arrays.asList(row[table.index("capture")], row[table.index("capture_sha256")], row[table.index("app")]);
    }

    private static List<Object[]> rows(Map<List<Object>, Counts> groups, java.util.function.Function<Counts, Object[]> values) {
        List<Object[]> rows = new ArrayList<>();
        groups.forEach((key, counts) -> {
            Object[] v = values.apply(counts);
            Object[] row = Arrays.copyOf(key.toArray(), key.size() + v.length);
            System.arraycopy(v, 0, row, key.size(), v.length);
            rows.add(row);
        });
        return rows;
    }

    /** What one group has seen. */
    private static final class Counts {
        long flows;
        long findings;
        final Set<Object> kinds = new HashSet<>();
        final Set<Object> flowIds = new HashSet<>();
        final Set<Object> captures = new HashSet<>();
        final Set<Object> organizations = new HashSet<>();

        void add(Object kind, Object flowId, Object capture, Object organization) {
            findings++;
            if (kind != null) {
                kinds.add(kind);
            }
            if (flowId != null) {
                flowIds.add(flowId);
            }
            if (capture != null) {
                captures.add(capture);
            }
            if (organization != null) {
                organizations.add(organization);
            }
        }
    }
}
