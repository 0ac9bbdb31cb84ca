package org.telltale.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's name and columns, in the order a row holds its values. A row is an {@code Object[]} with
 * one value per column (see {@link Column.Type} for the Java value of each type), because both Parquet's
 * writer and Spark's {@code Row} take values by position.
 *
 * @param name    the folder name under the output directory ("findings")
 * @param columns its columns, in order
 */
public record Table(String name, List<Column> columns) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public Table {
        columns = List.copyOf(columns);
    }

    /** The position of a column in a row. */
    public int index(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + column);
    }

    /** The column names, in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** A table built column by column. */
    static Builder named(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder with(Column.Type type, String... names) {
            for (String n : names) {
                columns.add(new Column(n, type));
            }
            return this;
        }

        Builder with(List<Column> more) {
            columns.addAll(more);
            return this;
        }

        Table build() {
            return new Table(name, columns);
        }
    }
}
