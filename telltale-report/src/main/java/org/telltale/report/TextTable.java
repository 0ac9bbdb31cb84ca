package org.telltale.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose long cells wrap onto continuation lines instead of being cut. */
final class TextTable {
    private final String[] headers;
    private final int[] maxWidths;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String[] headers, int[] maxWidths) {
        this.headers = headers.clone();
        this.maxWidths = maxWidths.clone();
    }

    void add(String... cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = Terminal.safe(cells[i]);
        }
        rows.add(safe);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], Math.min(maxWidths[c], row[c].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int c = 0; c < cells.length; c++) {
            List<String> parts = wrap(cells[c], widths[c]);
            wrapped.add(parts);
            height = Math.max(height, parts.size());
        }
        for (int l = 0; l < height; l++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                List<String> parts = wrapped.get(c);
                String part = l < parts.size() ? parts.get(l) : "";
                text.append(part);
                if (c < cells.length - 1) {
                    text.append(" ".repeat(widths[c] - part.length() + 2));
                }
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
    }

    // Breaks after separators where it can (" > ", spaces), else hard at the width.
    private static List<String> wrap(String s, int width) {
        List<String> parts = new ArrayList<>();
        String rest = s;
        while (rest.length() > width) {
            int cut = Math.max(rest.lastIndexOf(' ', width), rest.lastIndexOf('/', width - 1) + 1);
            if (cut <= width / 3) {
                cut = width;
            }
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        parts.add(rest);
        return parts;
    }
}
