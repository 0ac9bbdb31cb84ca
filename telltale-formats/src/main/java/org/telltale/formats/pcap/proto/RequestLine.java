package org.telltale.formats.pcap.proto;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.x request line (RFC 9112 section 3): method, target and version.
 *
 * @param method  the method token as sent
 * @param target  the request target as sent (origin, absolute, authority or asterisk form)
 * @param version "HTTP/1.1" and the like
 */
record RequestLine(String method, String target, String version) {
    private static final int MAX_METHOD = 32;
    /**
     * Scan result: an upper-case method and a space came, then the line broke; it looked like
     * HTTP, so the caller may say so. Negative like {@link HttpText#INVALID}.
     */
    static final int BROKEN = -2;

    /**
     * Checks whether [from, to) starts with a request line. Returns the index just after its '\n'
     * when it does, {@link HttpText#INCOMPLETE} when the bytes so far could still become one, or
     * a negative value: {@link #BROKEN} when it broke after an upper-case method, else
     * {@link HttpText#INVALID}.
     */
    static int scan(byte[] b, int from, int to) {
        int p = from;
        while (p < to && HttpText.isTchar(b[p] & 0xFF)) {
            if (p - from >= MAX_METHOD) {
                return HttpText.INVALID;
            }
            p++;
        }
        if (p == to) {
            return HttpText.INCOMPLETE;
        }
        if (p == from || b[p] != ' ') {
            return HttpText.INVALID;
        }
        int broken = upperCase(b, from, p) ? BROKEN : HttpText.INVALID;
        int targetStart = ++p;
        while (p < to && isTargetByte(b[p] & 0xFF)) {
            p++;
        }
        if (p == to) {
            return HttpText.INCOMPLETE;
        }
        if (p == targetStart || b[p] != ' ') {
            return broken;
        }
        int v = HttpText.version(b, p + 1, to);
        if (v == HttpText.INCOMPLETE) {
            return v;
        }
        if (v < 0) {
            return broken;
        }
        if (v < to && b[v] == '\r') {
            v++;
        }
        if (v == to) {
            return HttpText.INCOMPLETE;
        }
        return b[v] == '\n' ? v + 1 : broken;
    }

    private static boolean upperCase(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 'A' || b[i] > 'Z') {
                return false;
            }
        }
        return to - from >= 3;
    }

    /** Reads a line that {@link #scan} accepted, without its line end. */
    static RequestLine parse(byte[] b, int from, int lineEnd) {
        int sp1 = from;
        while (b[sp1] != ' ') {
            sp1++;
        }
        int sp2 = sp1 + 1;
        while (b[sp2] != ' ') {
            sp2++;
        }
        return new RequestLine(new String(b, from, sp1 - from, StandardCharsets.US_ASCII),
                HttpText.decode(b, sp1 + 1, sp2), new String(b, sp2 + 1, lineEnd - sp2 - 1, StandardCharsets.US_ASCII));
    }

    /** Visible ASCII, or any byte of a UTF-8 sequence: some apps send raw UTF-8 in URLs. */
    private static boolean isTargetByte(int c) {
        return c > 0x20 && c != 0x7F;
    }
}
