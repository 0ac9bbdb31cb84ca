package org.telltale.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import org.telltale.api.Step;
import org.telltale.batch.Column;
import org.telltale.batch.Table;
import org.telltale.batch.Tables;

/**
 * The batch module's tables as Spark types, and its rows as Spark rows: the only place the two meet, so
 * the Datasets have the columns {@code telltale batch} writes, in the same order and of the same types.
 */
final class SparkRows {
    private static final StructType STEP = new StructType(new StructField[] {
        DataTypes.createStructField("decoder", DataTypes.StringType, true),
        DataTypes.createStructField("label", DataTypes.StringType, true),
        DataTypes.createStructField("index", DataTypes.IntegerType, true),
        DataTypes.createStructField("start", DataTypes.IntegerType, true),
        DataTypes.createStructField("end", DataTypes.IntegerType, true)});

    private SparkRows() {
    }

    /** The table's columns as a Spark schema. */
    static StructType schema(Table table) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : table.columns()) {
            fields.add(DataTypes.createStructField(c.name(), type(c.type()), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The schema of a row table as read back: its columns and the run that wrote each row. */
    static StructType withRun(Table table) {
        return schema(table).add(Tables.RUN, DataTypes.StringType, true);
    }

    private static DataType type(Column.Type t) {
        return switch (t) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case BOOLEAN -> DataTypes.BooleanType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case STRINGS -> DataTypes.createArrayType(DataTypes.StringType, true);
            case STEPS -> DataTypes.createArrayType(STEP, true);
        };
    }

    /** A batch row as a Spark row of the table's schema (an Instant is a timestamp's value as it is). */
    static Row row(Table table, Object[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = value(table.columns().get(i).type(), values[i]);
        }
        return RowFactory.create(out);
    }

    private static Object value(Column.Type t, Object v) {
        if (v == null) {
            return null;
        }
        return switch (t) {
            case STRINGS -> ((List<?>) v).toArray();
            case STEPS -> ((List<?>) v).stream().map(o -> {
                Step s = (Step) o;
                return RowFactory.create(s.decoder(), s.label(), s.index(), s.hasSpan() ? s.start() : null,
                        s.hasSpan() ? s.end() : null);
            }).toArray();
            default -> v;
        };
    }
}
