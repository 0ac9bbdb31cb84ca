package org.telltale.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden files of findings checked by hand: tab-separated rows, one finding per row with its
 * judgement in the last column, "#" lines for comments. Tests of several modules compare what the
 * detectors report on real captures with such a file.
 */
public final class CheckedRows {
    private CheckedRows() {
    }

    /** The rows of a class-path resource ("/detect/har-findings.tsv"), each split at its tabs. */
    public static List<String[]> read(Class<?> anchor, String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
