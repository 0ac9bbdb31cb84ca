package org.telltale.formats.pcap.proto;

import java.util.ArrayList;
import java.util.List;
import org.telltale.api.Header;

/**
 * The header fields of one message head (RFC 9112 section 5), in the order sent. Lenient where
 * real clients are sloppy (bare LF, folded lines), and counts the lines it had to skip.
 *
 * @param headers   the fields read, names in their original case
 * @param malformed how many lines were not header fields and were skipped
 */
record HeaderBlock(List<Header> headers, int malformed) {
    /** More fields than this in one head is an attack, not a request. */
    static final int MAX_FIELDS = 1000;

    /**
     * Reads the lines of [from, to), which starts just after the start line; stops at an empty line
     * or at the end of the bytes.
     */
    static HeaderBlock parse(byte[] b, int from, int to) {
        List<Header> out = new ArrayList<>();
        int malformed = 0;
        int p = from;
        while (p < to) {
            int lf = HttpText.indexOfLf(b, p, to);
            int next = lf < 0 ? to : lf + 1;
            int lineEnd = lf < 0 ? to : HttpText.trimCr(b, p, lf);
            if (lineEnd == p) {
                break;
            }
            if (b[p] == ' ' || b[p] == '\t') {
                if (out.isEmpty()) {
                    malformed++;
                } else {
                    Header last = out.remove(out.size() - 1);
                    String more = HttpText.decode(b, p, lineEnd).strip();
                    out.add(new Header(last.name(), last.value() + " " + more));
                }
            } else if (out.size() >= MAX_FIELDS) {
                malformed++;
            } else {
                Header h = field(b, p, lineEnd);
                if (h == null) {
                    malformed++;
                } else {
                    out.add(h);
                }
            }
            p = next;
        }
        return new HeaderBlock(out, malformed);
    }

    /** One "name: value" line; null when the name is empty or not a token. */
    static Header field(byte[] b, int from, int to) {
        int colon = from;
        while (colon < to && b[colon] != ':') {
            if (!HttpText.isTchar(b[colon] & 0xFF)) {
                return null;
            }
            colon++;
        }
        if (colon == from || colon == to) {
            return null;
        }
        String name = HttpText.decode(b, from, colon);
        String value = HttpText.decode(b, colon + 1, to).strip();
        return new Header(name, value);
    }
}
