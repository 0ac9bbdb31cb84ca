package org.telltale.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import org.telltale.api.CanaryFile;
import org.telltale.batch.BatchInputException;
import org.telltale.batch.CaptureAnalysis;
import org.telltale.batch.Plan;
import org.telltale.batch.RunIds;
import org.telltale.batch.Table;
import org.telltale.batch.Tables;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;

/**
 * The Spark job: the tables of {@code telltale batch}, for thousands of captures on a cluster. The
 * driver lists the inputs, works out the plan (which canary file applies where, each specification
 * once) and packs the captures into partitions by size; the executors analyse them with the batch
 * module's per-capture code; the distinct destinations are attributed once and joined back; the row
 * tables are appended under {@code run=ID} and the aggregates recomputed over every run.
 */
public final class SparkBatchJob {
    /** Exit code for bad input or usage, as the command line's. */
    static final int BAD_INPUT = 2;

    private SparkBatchJob() {
    }

    /** {@code spark-submit --class org.telltale.spark.SparkBatchJob telltale-spark-job.jar INPUT... --out DIR}. */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("telltale batch").getOrCreate();
        int code;
        try {
            code = run(spark, System.out, System.err, args).code();
        } finally {
            spark.stop();
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * What a run did.
     *
     * @param code       0, or 2 for bad input or usage
     * @param run        the run's id, or null when nothing was written
     * @param analysed   captures analysed
     * @param skipped    captures analysed before with the same specification
     * @param unreadable captures that could not be read to their end
     */
    public record Outcome(int code, String run, long analysed, long skipped, long unreadable) {
    }

    /** Runs the job in the given session; a bad input is one line on err and code 2, never an exception. */
    public static Outcome run(SparkSession spark, PrintStream out, PrintStream err, String... args) {
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("telltale: " + e.getMessage());
            return new Outcome(BAD_INPUT, null, 0, 0, 0);
        }
        HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
        Plan plan;
        try {
            plan = Plan.of(files.list(options.inputs()), files::read, canaries(files, options.canaries()),
                    ExecutorAnalysis.datasetVersions());
        } catch (CanaryFileException | BatchInputException e) {
            err.println("telltale: " + e.getMessage());
            return new Outcome(BAD_INPUT, null, 0, 0, 0);
        } catch (IOException e) {
            err.println("telltale: the inputs cannot be listed: " + e.getMessage());
            return new Outcome(BAD_INPUT, null, 0, 0, 0);
        }
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        spark.conf().set("spark.sql.parquet.compression.codec", "zstd");
        Set<String> done = options.again() ? Set.of() : analysedBefore(spark, options.out());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<CaptureAnalysis.Task>> bins = Packing.pack(plan.tasks(), options.partitionBytes(),
                jsc.defaultParallelism());
        Broadcast<ExecutorAnalysis> executors = jsc.broadcast(new ExecutorAnalysis(plan.specs(), plan.bad(), done, files));
        JavaRDD<CaptureAnalysis.Rows> results = jsc.parallelize(bins, Math.max(1, bins.size()))
                .mapPartitions(bin -> executors.value().analyse(bin))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long analysed = results.count();
            long skipped = plan.tasks().size() - analysed;
            if (analysed == 0) {
                out.println("telltale: nothing to analyse: " + skipped + " captures were analysed before (--again analyses them again)");
                return new Outcome(0, null, 0, skipped, 0);
            }
            int fatal = Tables.CAPTURES.index("fatal");
            long unreadable = results.filter(r -> Boolean.TRUE.equals(r.capture()[fatal])).count();
            String run = RunIds.at(Instant.now());
            write(spark, options, results, run);
            writeAggregates(spark, options.out());
            out.println("telltale: run " + run + ": " + analysed + " captures analysed, " + skipped
                    + " analysed before and skipped, " + unreadable + " not readable to their end (see the errors table); tables in "
                    + options.out());
            return new Outcome(0, run, analysed, skipped, unreadable);
        } finally {
            results.unpersist(false);
            executors.destroy();
        }
    }

    private static CanaryFile canaries(HadoopFiles files, String path) throws CanaryFileException {
        if (path == null) {
            return CanaryFile.EMPTY;
        }
        byte[] bytes;
        try {
            bytes = files.read(path);
        } catch (IOException e) {
            throw new CanaryFileException(path + ": cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > CanaryFiles.MAX_BYTES) {
            throw new CanaryFileException(path + ": larger than 10 MB; is this really a canary file?");
        }
        return CanaryFiles.parse(bytes, path);
    }

    /** The captures earlier runs analysed, as SHA-256 and specification digest. */
    private static Set<String> analysedBefore(SparkSession spark, String out) {
        Dataset<Row> captures = read(spark, out, Tables.CAPTURES);
        Set<String> done = new HashSet<>();
        if (captures != null) {
            for (Row r : captures.where(col("capture_sha256").isNotNull()).select("capture_sha256", "spec_digest")
                    .distinct().collectAsList()) {
                done.add(Plan.doneKey(r.getString(0), r.getString(1)));
            }
        }
        return done;
    }

    private static void write(SparkSession spark, JobOptions options, JavaRDD<CaptureAnalysis.Rows> results, String run) {
        Dataset<Row> captures = frame(spark, Tables.CAPTURES, results.map(r -> SparkRows.row(Tables.CAPTURES, r.capture())));
        Dataset<Row> flows = frame(spark, Tables.FLOWS, results.flatMap(r -> r.flows().stream()
                .map(v -> SparkRows.row(Tables.FLOWS, v)).iterator()));
        Dataset<Row> errors = frame(spark, Tables.ERRORS, results.flatMap(r -> r.errors().stream()
                .map(v -> SparkRows.row(Tables.ERRORS, v)).iterator()));
        Table bare = Tables.FINDINGS_UNATTRIBUTED;
        Dataset<Row> unattributed = frame(spark, bare, results.flatMap(r -> r.findings().stream()
                .map(v -> SparkRows.row(bare, java.util.Arrays.copyOf(v, bare.columns().size()))).iterator()));
        boolean attribution = options.attribution();
        String[] key = Tables.DESTINATION_KEY.toArray(String[]::new);
        Dataset<Row> destinations = frame(spark, Tables.DESTINATIONS, unattributed.select(key[0], key[1], key[2]).distinct()
                .javaRDD().mapPartitions(keys -> ExecutorAnalysis.attribute(keys, attribution)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> f = unattributed.as("f");
        Dataset<Row> d = destinations.as("d");
        Column on = lit(true);
        for (String k : key) {
            on = on.and(col("f." + k).eqNullSafe(col("d." + k)));
        }
        List<Column> columns = new ArrayList<>();
        for (String c : Tables.FINDINGS.names()) {
            columns.add(col((bare.names().contains(c) ? "f." : "d.") + c).as(c));
        }
        Dataset<Row> findings = f.join(d, on, "left").select(columns.toArray(Column[]::new));
        for (Map.Entry<Table, Dataset<Row>> t : Map.of(Tables.CAPTURES, captures, Tables.FLOWS, flows, Tables.ERRORS, errors,
                Tables.DESTINATIONS, destinations, Tables.FINDINGS, findings).entrySet()) {
            t.getValue().withColumn(Tables.RUN, lit(run)).write().mode(SaveMode.Append).partitionBy(Tables.RUN)
                    .parquet(new Path(options.out(), t.getKey().name()).toString());
        }
        destinations.unpersist(false);
    }

    private static Dataset<Row> frame(SparkSession spark, Table table, JavaRDD<Row> rows) {
        return spark.createDataFrame(rows, SparkRows.schema(table));
    }

    /** Recomputes the aggregates over every run's rows, replacing the ones before. */
    private static void writeAggregates(SparkSession spark, String out) {
        Map<Table, Dataset<Row>> aggregates = SparkAggregates.compute(read(spark, out, Tables.CAPTURES),
                read(spark, out, Tables.FLOWS), read(spark, out, Tables.FINDINGS));
        for (Map.Entry<Table, Dataset<Row>> a : aggregates.entrySet()) {
            a.getValue().write().mode(SaveMode.Overwrite)
                    .parquet(new Path(new Path(out, "aggregates"), a.getKey().name()).toString());
        }
    }

    /** A row table of every run, with its run column; null when no run wrote it yet. */
    static Dataset<Row> read(SparkSession spark, String out, Table table) {
        Path folder = new Path(out, table.name());
        try {
            if (!folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(folder)) {
                return table == Tables.CAPTURES ? null : spark.createDataFrame(List.of(), SparkRows.withRun(table));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return spark.read().schema(SparkRows.withRun(table)).parquet(literal(folder.toString()));
    }

    /** A path as Spark's reader takes it literally: its glob characters ("out[1]", "{a,b}") escaped. */
    static String literal(String path) {
        return path.replaceAll("([\\\\\\[\\]{}*?])", "\\\\$1");
    }
}
