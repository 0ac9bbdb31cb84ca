package org.telltale.batch;

/**
 * One column of a table, written once here so that the Parquet files of {@code telltale batch} and the
 * Spark job's Datasets get the same name and type from the same place. Every column may be null.
 *
 * @param name the column's name, snake_case, the same word the JSON result uses for the same fact
 * @param type what it holds
 */
public record Column(String name, Type type) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The kinds of value a column holds, and the Java value a row carries for each. */
    public enum Type {
        /** {@link String} */
        STRING,
        /** {@link Integer} */
        INT,
        /** {@link Long} */
        LONG,
        /** {@link Boolean} */
        BOOLEAN,
        /** {@link java.time.Instant}, stored as microseconds since the epoch in UTC */
        TIMESTAMP,
        /** a {@code List<String>} */
        STRINGS,
        /** a {@code List<org.telltale.api.Step>}: each step's decoder, label, index, start and end */
        STEPS
    }
}
