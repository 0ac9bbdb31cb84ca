package org.telltale.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;

import org.telltale.api.Step;

/**
 * Reads back a table that {@code telltale batch} wrote: every Parquet file under its folder, each row
 * as the values the writer was given, plus the run it came from (from its {@code run=ID} folder) as a
 * last value. Used to see what was analysed before, to recompute the aggregates over every run, and by
 * tests.
 */
public final class ParquetTableReader {
    private ParquetTableReader() {
    }

    /** Every row of the table under dir (the output directory), each with its run appended; in no set order. */
    public static List<Object[]> readAll(Path dir, Table table) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        forEach(dir, table, rows::add);
        return rows;
    }

    /** Hands every row of the table under dir, with its run appended, to the consumer. */
    public static void forEach(Path dir, Table table, Consumer<Object[]> rows) throws IOException {
        Path folder = dir.resolve(table.name());
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        for (Path f : files) {
            String run = runOf(folder.relativize(f));
            try (ParquetReader<Group> reader = new GroupFiles(f).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    rows.accept(row(table, g, run));
                }
            }
        }
    }

    private static String runOf(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(Tables.RUN + "=")) {
                return s.substring(Tables.RUN.length() + 1);
            }
        }
        return null;
    }

    private static Object[] row(Table table, Group g, String run) {
        List<Column> columns = table.columns();
        Object[] row = new Object[columns.size() + 1];
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (g.getFieldRepetitionCount(c.name()) > 0) {
                row[i] = value(g, c);
            }
        }
        row[columns.size()] = run;
        return row;
    }

    private static Object value(Group g, Column c) {
        String n = c.name();
        return switch (c.type()) {
            case STRING -> g.getString(n, 0);
            case INT -> g.getInteger(n, 0);
            case LONG -> g.getLong(n, 0);
            case BOOLEAN -> g.getBoolean(n, 0);
            case TIMESTAMP -> Instant.EPOCH.plus(g.getLong(n, 0), ChronoUnit.MICROS);
            case STRINGS -> {
                Group list = g.getGroup(n, 0);
                List<String> out = new ArrayList<>();
                for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
                    Group e = list.getGroup("list", i);
                    out.add(e.getFieldRepetitionCount("element") > 0 ? e.getString("element", 0) : null);
                }
                yield List.copyOf(out);
            }
            case STEPS -> {
                Group list = g.getGroup(n, 0);
                List<Step> out = new ArrayList<>();
                for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
                    Group e = list.getGroup("list", i).getGroup("element", 0);
                    out.add(new Step(e.getString("decoder", 0), e.getString("label", 0), e.getInteger("index", 0),
                            intOr(e, "start"), intOr(e, "end")));
                }
                yield List.copyOf(out);
            }
        };
    }

    private static int intOr(Group g, String field) {
        return g.getFieldRepetitionCount(field) > 0 ? g.getInteger(field, 0) : Step.UNKNOWN;
    }

    /** Parquet's reader of example Groups, on a local file, with the zstd codec of the writer. */
    private static final class GroupFiles extends ParquetReader.Builder<Group> {
        GroupFiles(Path file) {
            super(new LocalInputFile(file), new PlainParquetConfiguration());
            withCodecFactory(new ZstdCodecs());
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
