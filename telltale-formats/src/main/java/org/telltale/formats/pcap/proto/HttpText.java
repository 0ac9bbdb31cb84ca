package org.telltale.formats.pcap.proto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-level rules of HTTP/1.x text shared by the line and header readers. */
final class HttpText {
    /** Scan result: the bytes cannot start the expected line. */
    static final int INVALID = -1;
    /** Scan result: the bytes so far fit, but the line has not ended yet. */
    static final int INCOMPLETE = 0;

    private HttpText() {
    }

    /** A token character of RFC 9110 section 5.6.2 (method and header names). */
    static boolean isTchar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /**
     * The bytes as text: UTF-8 when they are valid UTF-8 (apps put it in URLs and cookies), else
     * ISO-8859-1, which keeps every byte as one character.
     */
    static String decode(byte[] b, int from, int to) {
        if (isAscii(b, from, to)) {
            // the common case: one byte per character, no decoder needed
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first '\n' in [from, to), or -1. */
    static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The end of the line that ends at this '\n', without a CR before it. */
    static int trimCr(byte[] b, int from, int lf) {
        return lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
    }

    /**
     * Matches "HTTP/d.d" at from; returns the index after it, INCOMPLETE when the bytes end while
     * still matching, or INVALID.
     */
    static int version(byte[] b, int from, int to) {
        byte[] want = {'H', 'T', 'T', 'P', '/', 0, '.', 0};
        for (int k = 0; k < want.length; k++) {
            if (from + k >= to) {
                return INCOMPLETE;
            }
            int c = b[from + k];
            boolean ok = want[k] == 0 ? c >= '0' && c <= '9' : c == want[k];
            if (!ok) {
                return INVALID;
            }
        }
        return from + want.length;
    }
}
