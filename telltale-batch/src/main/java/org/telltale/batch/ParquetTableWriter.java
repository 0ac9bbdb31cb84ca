package org.telltale.batch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

import org.telltale.api.Step;

/** Writes rows of one table into one local Parquet file, zstd-compressed, with no Hadoop file system. */
final class ParquetTableWriter implements Closeable {
    private final Table table;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    ParquetTableWriter(Table table, Path file) throws IOException {
        this.table = table;
        MessageType schema = ParquetSchemas.of(table);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCodecFactory(new ZstdCodecs())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build();
    }

    void write(Object[] row) throws IOException {
        Group g = groups.newGroup();
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Object v = row[i];
            if (v != null) {
                put(g, columns.get(i), v);
            }
        }
        writer.write(g);
    }

    private static void put(Group g, Column c, Object v) {
        String n = c.name();
        switch (c.type()) {
            case STRING -> g.append(n, (String) v);
            case INT -> g.append(n, (Integer) v);
            case LONG -> g.append(n, (Long) v);
            case BOOLEAN -> g.append(n, (Boolean) v);
            case TIMESTAMP -> g.append(n, ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) v));
            case STRINGS -> {
                Group list = g.addGroup(n);
                for (Object s : (List<?>) v) {
                    Group e = list.addGroup("list");
                    if (s != null) {
                        e.append("element", (String) s);
                    }
                }
            }
            case STEPS -> {
                Group list = g.addGroup(n);
                for (Object o : (List<?>) v) {
                    Step s = (Step) o;
                    Group e = list.addGroup("list").addGroup("element");
                    e.append("decoder", s.decoder()).append("label", s.label()).append("index", s.index());
                    if (s.hasSpan()) {
                        e.append("start", s.start()).append("end", s.end());
                    }
                }
            }
            default -> throw new IllegalStateException("no Parquet mapping for " + c.type());
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
