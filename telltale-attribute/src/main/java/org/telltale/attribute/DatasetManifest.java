package org.telltale.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The list of datasets in a data directory ({@value #FILE}): one tab-separated line per dataset. */
public final class DatasetManifest {
    /** The manifest's file name inside a data directory. */
    public static final String FILE = "manifest.tsv";

    private final Map<String, Entry> entries;

    /**
     * One dataset as the builder recorded it.
     *
     * @param id      the dataset's name
     * @param file    its file name in the data directory
     * @param version upstream version or snapshot date
     * @param licence the licence the file carries
     * @param entries how many records the builder wrote
     */
    public record Entry(String id, String file, String version, String licence, long entries) {
    }

    /** @param entries the datasets, in the order they are listed */
    public DatasetManifest(List<Entry> entries) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        entries.forEach(entry -> byId.put(entry.id(), entry));
        this.entries = byId;
    }

    /** @return the datasets, in listed order */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** @return the dataset with this id, or null */
    public Entry get(String id) {
        return entries.get(id);
    }

    /** @return this manifest with the given datasets added or replacing those with the same id */
    public DatasetManifest with(List<Entry> replacements) {
        Map<String, Entry> merged = new LinkedHashMap<>(entries);
        replacements.forEach(entry -> merged.put(entry.id(), entry));
        return new DatasetManifest(List.copyOf(merged.values()));
    }

    /** @throws IOException when reading fails or a line is malformed */
    public static DatasetManifest read(InputStream in) throws IOException {
        List<String[]> records = TsvFile.read(in);
        List<Entry> entries = new java.util.ArrayList<>();
        for (String[] record : records) {
            if (record.length < 5) {
                throw new IOException("manifest line needs 5 fields: " + String.join("\t", record));
            }
            try {
                entries.add(new Entry(record[0], record[1], record[2], record[3], Long.parseLong(record[4])));
            } catch (NumberFormatException e) {
                throw new IOException("manifest entry count is not a number: " + record[4], e);
            }
        }
        return new DatasetManifest(entries);
    }

    /** Writes the manifest with a header comment. */
    public void write(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("# Telltale attribution datasets: id, file, version, licence, entries. Written by DatasetBuilder.\n");
        for (Entry entry : entries.values()) {
            writer.write(String.join("\t", entry.id(), entry.file(), entry.version(), entry.licence(),
                    Long.toString(entry.entries())) + "\n");
        }
        writer.flush();
    }
}
