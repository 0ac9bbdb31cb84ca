package org.telltale.core.decode;

import java.util.Locale;

/** Reads the parts of a declared Content-Type that decoders dispatch on. */
final class MediaTypes {
    private MediaTypes() {
    }

    /** "type/subtype" in lower case without parameters, or "" when nothing was declared. */
    static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        String e = semi < 0 ? contentType : contentType.substring(0, semi);
        return e.trim().toLowerCase(Locale.ROOT);
    }

    /** One parameter's value (quotes removed), or null. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";", 32);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    static boolean isJson(String contentType) {
        String e = essence(contentType);
        return e.equals("application/json") || e.endsWith("+json") || e.equals("text/json")
                || e.equals("application/x-ndjson") || e.equals("application/jsonl")
                || e.equals("application/json-seq") || e.equals("application/csp-report");
    }
}
