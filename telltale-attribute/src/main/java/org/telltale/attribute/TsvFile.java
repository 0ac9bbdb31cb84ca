package org.telltale.attribute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the tab-separated data files: UTF-8, one record a line, '#' starts a comment line. */
final class TsvFile {
    /** Most records any one data file may hold. */
    static final int MAX_RECORDS = 1_000_000;
    /** Longest line accepted, in characters. */
    static final int MAX_LINE = 8192;

    private TsvFile() {
    }

    /**
     * @return the records, each split on tabs with empty trailing fields kept
     * @throws IOException when reading fails or the file exceeds the limits
     */
    static List<String[]> read(InputStream in) throws IOException {
        List<String[]> records = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    throw new IOException("line longer than " + MAX_LINE + " characters");
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (records.size() == MAX_RECORDS) {
                    throw new IOException("more than " + MAX_RECORDS + " records");
                }
                records.add(line.split("\t", -1));
            }
        }
        return records;
    }

    /** @return the field at index, or null when it is missing or empty */
    static String field(String[] record, int index) {
        return index < record.length && !record[index].isEmpty() ? record[index] : null;
    }
}
