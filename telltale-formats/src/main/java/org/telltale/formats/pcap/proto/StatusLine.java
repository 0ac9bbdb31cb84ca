package org.telltale.formats.pcap.proto;

/**
 * An HTTP/1.x status line (RFC 9112 section 4).
 *
 * @param version "HTTP/1.1" and the like
 * @param status  the three-digit status code
 */
record StatusLine(String version, int status) {
    /**
     * Checks whether [from, to) starts with a status line: returns the index after its '\n', or
     * {@link HttpText#INCOMPLETE} or {@link HttpText#INVALID} as {@link RequestLine#scan} does.
     */
    static int scan(byte[] b, int from, int to) {
        int p = HttpText.version(b, from, to);
        if (p <= 0) {
            return p;
        }
        for (int k = 0; k < 4; k++) {
            if (p + k >= to) {
                return HttpText.INCOMPLETE;
            }
            int c = b[p + k];
            boolean ok = k == 0 ? c == ' ' : c >= '0' && c <= '9';
            if (!ok) {
                return HttpText.INVALID;
            }
        }
        int lf = HttpText.indexOfLf(b, p + 4, to);
        if (lf < 0) {
            return HttpText.INCOMPLETE;
        }
        int c = b[p + 4];
        return c == ' ' || c == '\r' || c == '\n' ? lf + 1 : HttpText.INVALID;
    }

    /** Reads a line that {@link #scan} accepted. */
    static StatusLine parse(byte[] b, int from) {
        String version = new String(b, from, 8, java.nio.charset.StandardCharsets.US_ASCII);
        int status = (b[from + 9] - '0') * 100 + (b[from + 10] - '0') * 10 + (b[from + 11] - '0');
        return new StatusLine(version, status);
    }
}
