package org.telltale.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.telltale.batch.Table;
import org.telltale.batch.Tables;

/**
 * The aggregate tables in Spark SQL, over the latest run of every capture: the same definitions as the
 * batch module's {@code Aggregates} (which the tests hold this to), computed where the rows are.
 */
final class SparkAggregates {
    private SparkAggregates() {
    }

    /** Each aggregate table, from the captures, flows and findings tables of every run (each with its run column). */
    static Map<Table, Dataset<Row>> compute(Dataset<Row> captures, Dataset<Row> flows, Dataset<Row> findings) {
        Dataset<Row> latest = captures.where(col("capture_sha256").isNotNull())
                .groupBy("capture_sha256").agg(max(Tables.RUN).as(Tables.RUN));
        Dataset<Row> f = flows.join(latest, scala(new String[] {"capture_sha256", Tables.RUN}));
        Dataset<Row> x = findings.join(latest, scala(new String[] {"capture_sha256", Tables.RUN}));

        Dataset<Row> flowsPerApp = f.groupBy("capture", "capture_sha256", "app").agg(count(lit(1)).as("flows"));
        Dataset<Row> findingsPerApp = x.groupBy("capture", "capture_sha256", "app").agg(count(lit(1)).as("findings"),
                countDistinct(col("kind")).as("kinds"), countDistinct(col("organization")).as("organizations"))
                .withColumnRenamed("capture", "c").withColumnRenamed("capture_sha256", "s").withColumnRenamed("app", "a");
        Dataset<Row> byApp = flowsPerApp.join(findingsPerApp, col("capture").eqNullSafe(col("c"))
                        .and(col("capture_sha256").eqNullSafe(col("s"))).and(col("app").eqNullSafe(col("a"))), "left")
                .select(col("capture"), col("capture_sha256"), col("app"), col("flows"), zero("findings"), zero("kinds"),
                        zero("organizations"));

        Map<Table, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(Tables.BY_APP, byApp);
        out.put(Tables.BY_KIND, x.groupBy("kind").agg(count(lit(1)).as("findings"), countDistinct(col("flow_id")).as("flows"),
                countDistinct(col("capture_sha256")).as("captures"), countDistinct(col("organization")).as("organizations")));
        out.put(Tables.BY_ORGANIZATION, x.groupBy("organization", "country").agg(count(lit(1)).as("findings"),
                countDistinct(col("kind")).as("kinds"), countDistinct(col("capture_sha256")).as("captures")));
        out.put(Tables.IDENTIFIERS, x.where(col("kind").isin(Tables.IDENTIFIER_KINDS.toArray()))
                .groupBy("kind", "value").agg(countDistinct(col("capture_sha256")).as("captures"),
                        count(lit(1)).as("findings"), sort_array(collect_set(col("organization"))).as("organizations")));
        return out;
    }

    private static Column zero(String name) {
        return coalesce(col(name), lit(0L)).as(name);
    }

    private static scala.collection.immutable.Seq<String> scala(String[] names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toList();
    }
}
