package org.telltale.batch;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A {@link Table} as a Parquet schema, laid out as Spark writes the same types (three-level lists,
 * microsecond UTC timestamps, UTF-8 strings), so a table from {@code telltale batch} and one from the
 * Spark job read the same way.
 */
final class ParquetSchemas {
    /** The fields of one decoding step, in order. */
    static final String[] STEP_FIELDS = {"decoder", "label", "index", "start", "end"};

    private ParquetSchemas() {
    }

    static MessageType of(Table table) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : table.columns()) {
            b.addField(field(c));
        }
        return b.named("spark_schema");
    }

    private static Type field(Column c) {
        return switch (c.type()) {
            case STRING -> Types.optional(BINARY).as(stringType()).named(c.name());
            case INT -> Types.optional(INT32).named(c.name());
            case LONG -> Types.optional(INT64).named(c.name());
            case BOOLEAN -> Types.optional(BOOLEAN).named(c.name());
            case TIMESTAMP -> Types.optional(INT64).as(timestampType(true, TimeUnit.MICROS)).named(c.name());
            case STRINGS -> Types.optionalList().optionalElement(BINARY).as(stringType()).named(c.name());
            case STEPS -> Types.optionalList().optionalGroupElement()
                    .optional(BINARY).as(stringType()).named(STEP_FIELDS[0])
                    .optional(BINARY).as(stringType()).named(STEP_FIELDS[1])
                    .optional(INT32).named(STEP_FIELDS[2])
                    .optional(INT32).named(STEP_FIELDS[3])
                    .optional(INT32).named(STEP_FIELDS[4])
                    .named(c.name());
        };
    }
}
