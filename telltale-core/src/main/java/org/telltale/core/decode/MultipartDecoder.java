package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * multipart/form-data (and the other multipart types) split on the declared boundary. Each part
 * becomes "multipart:NAME" (its form field name, else its index) with the part's Content-Type.
 */
final class MultipartDecoder implements Decoder {
    /** Part headers longer than this are not headers. */
    private static final int MAX_HEADERS = 8 << 10;

    @Override
    public String name() {
        return "multipart";
    }

    @Override
    public double fit(Payload payload) {
        return MediaTypes.essence(payload.contentType()).startsWith("multipart/")
                && boundary(payload) != null ? Fits.DECLARED_TYPE : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        byte[] delimiter = Bytes.utf8("--" + boundary(payload));
        List<Payload> out = new ArrayList<>();
        int pos = indexOf(d, delimiter, 0);
        int index = 0;
        while (pos >= 0 && out.size() <= limits.maxChildren()) {
            int afterDelimiter = pos + delimiter.length;
            if (afterDelimiter + 1 < d.length && d[afterDelimiter] == '-' && d[afterDelimiter + 1] == '-') {
                break;
            }
            int lineEnd = Bytes.indexOf(d, '\n', afterDelimiter, d.length);
            if (lineEnd < 0) {
                break;
            }
            int headersEnd = headersEnd(d, lineEnd + 1);
            if (headersEnd < 0) {
                break;
            }
            int next = indexOf(d, delimiter, headersEnd);
            int bodyEnd = next < 0 ? d.length : next;
            if (bodyEnd >= 2 && d[bodyEnd - 1] == '\n') {
                bodyEnd -= bodyEnd - 2 >= headersEnd && d[bodyEnd - 2] == '\r' ? 2 : 1;
            }
            String headers = Bytes.utf8(d, lineEnd + 1, headersEnd);
            String name = fieldName(headers);
            if (bodyEnd > headersEnd) {
                out.add(payload.child(Step.of("multipart:" + (name != null ? name : Integer.toString(index)),
                        headersEnd, bodyEnd), Arrays.copyOfRange(d, headersEnd, bodyEnd), header(headers, "content-type"),
                        null));
            }
            index++;
            pos = next;
        }
        return out;
    }

    private static String boundary(Payload payload) {
        String b = MediaTypes.parameter(payload.contentType(), "boundary");
        return b == null || b.isEmpty() || b.length() > 200 ? null : b;
    }

    /** The index just after the blank line that ends the part headers starting at from, or -1. */
    private static int headersEnd(byte[] d, int from) {
        int limit = Math.min(d.length, from + MAX_HEADERS);
        int lineStart = from;
        for (int i = from; i < limit; i++) {
            if (d[i] == '\n') {
                int len = i - lineStart;
                if (len == 0 || len == 1 && d[lineStart] == '\r') {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String fieldName(String headers) {
        String disposition = header(headers, "content-disposition");
        return disposition == null ? null : MediaTypes.parameter(disposition, "name");
    }

    private static int indexOf(byte[] d, byte[] pattern, int from) {
        byte first = pattern[0];
        int last = d.length - pattern.length;
        for (int i = from; i <= last; i++) {
            if (d[i] != first) {
                continue;
            }
            int k = 1;
            while (k < pattern.length && d[i + k] == pattern[k]) {
                k++;
            }
            if (k == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
