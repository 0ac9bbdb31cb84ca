package org.telltale.core.decode;

import java.util.Locale;

/**
 * Reads a declared Content-Encoding such as "gzip, br". Codings are listed in the order they were
 * applied, so the outermost one is the last in the list and is peeled first.
 */
final class ContentEncodings {
    private ContentEncodings() {
    }

    /** The coding to peel now ("gzip", "deflate", "br", "zstd", ...), or "" when none is declared. */
    static String outermost(String contentEncoding) {
        if (contentEncoding == null) {
            return "";
        }
        int comma = contentEncoding.lastIndexOf(',');
        String last = contentEncoding.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
        return last.equals("x-gzip") ? "gzip" : last;
    }

    /** The codings still applied under the outermost one, or null when none remain. */
    static String inner(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        int comma = contentEncoding.lastIndexOf(',');
        if (comma < 0) {
            return null;
        }
        String rest = contentEncoding.substring(0, comma).trim();
        return rest.isEmpty() ? null : rest;
    }
}
