package org.telltale.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Row;

import org.telltale.api.DestinationResolver;
import org.telltale.attribute.BundledResolver;
import org.telltale.batch.CaptureAnalysis;
import org.telltale.batch.Destinations;
import org.telltale.batch.Engines;
import org.telltale.batch.Plan;
import org.telltale.batch.Tables;
import org.telltale.core.EngineSpec;
import org.telltale.core.run.Attributor;

/**
 * What runs on an executor: each capture of a partition through {@link CaptureAnalysis}, with the engine
 * of its specification built once per executor JVM (the specifications come broadcast from the driver),
 * and attribution of the distinct destinations. The bundled datasets are read once per JVM.
 */
final class ExecutorAnalysis implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, EngineSpec> specs;
    private final Map<String, String> bad;
    private final Set<String> done;
    private final HadoopFiles files;

    ExecutorAnalysis(Map<String, EngineSpec> specs, Map<String, String> bad, Set<String> done, HadoopFiles files) {
        this.specs = specs;
        this.bad = bad;
        this.done = done;
        this.files = files;
    }

    /** The per-JVM state, made on first use on each executor. */
    private static final class PerJvm {
        static final BundledResolver DATASETS = open();
        static final Engines ENGINES = new Engines(DATASETS, DATASETS);

        private static BundledResolver open() {
            try {
                return BundledResolver.open();
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled datasets cannot be read", e);
            }
        }
    }

    /** The datasets' versions this JVM's jar bundles. */
    static Map<String, String> datasetVersions() {
        return PerJvm.DATASETS.versions();
    }

    /** Analyses one partition's captures; those analysed before with the same specification are left out. */
    Iterator<CaptureAnalysis.Rows> analyse(Iterator<List<CaptureAnalysis.Task>> bins) {
        List<CaptureAnalysis.Rows> out = new ArrayList<>();
        while (bins.hasNext()) {
            for (CaptureAnalysis.Task t : bins.next()) {
                CaptureAnalysis.Rows rows = analyse(t);
                if (rows != null) {
                    out.add(rows);
                }
            }
        }
        return out.iterator();
    }

    private CaptureAnalysis.Rows analyse(CaptureAnalysis.Task task) {
        String problem = bad.get(task.input());
        if (problem != null) {
            return CaptureAnalysis.unreadable(task, problem);
        }
        try (HadoopFiles.Local local = files.fetch(task.input())) {
            if (Plan.analysedBefore(done, local.sha256(), task.specDigest())) {
                return null;
            }
            EngineSpec spec = specs.get(task.specDigest());
            return CaptureAnalysis.analyse(PerJvm.ENGINES.of(task.specDigest(), spec), task, local.file(), local.sha256());
        } catch (IOException e) {
            return CaptureAnalysis.unreadable(task, "cannot be read: " + e.getMessage());
        }
    }

    /** Attributes distinct destination keys (host, IP, port rows) into rows of the destinations table. */
    static Iterator<Row> attribute(Iterator<Row> keys, boolean attribution) {
        Attributor attributor = new Attributor(attribution ? PerJvm.DATASETS : DestinationResolver.NONE);
        List<Row> out = new ArrayList<>();
        while (keys.hasNext()) {
            Row k = keys.next();
            List<Object> key = java.util.Arrays.asList(k.get(0), k.get(1), k.get(2));
            out.add(SparkRows.row(Tables.DESTINATIONS, Destinations.attribute(attributor, key)));
        }
        return out.iterator();
    }
}
