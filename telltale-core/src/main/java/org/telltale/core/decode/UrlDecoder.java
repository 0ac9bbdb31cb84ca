package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * An absolute URL: the request URL itself, or a URL carried inside a value (redirect targets,
 * "credir=https://..."). Children: "query:NAME" per parameter, "urlpath:N" for path segments that
 * look like encoded data (N counts segments from 0), and "fragment".
 */
final class UrlDecoder implements Decoder {
    /** Segments shorter than this are words and ids, not encoded payloads. */
    private static final int MIN_DATA_SEGMENT = 16;
    private static final String[] SCHEMES = {"https://", "http://", "wss://", "ws://"};

    @Override
    public String name() {
        return "url";
    }

    @Override
    public double fit(Payload payload) {
        if (payload.depth() == 0 && payload.location().equals("request.url")) {
            return Fits.URL;
        }
        byte[] d = payload.data();
        int scheme = schemeEnd(d);
        return scheme > 0 && Bytes.headLooksLikeText(d) ? Fits.NESTED_URL : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        int end = d.length;
        while (end > 0 && Bytes.isWhitespace(d[end - 1])) {
            end--;
        }
        int authority = Math.max(schemeEnd(d), 0);
        int hash = Bytes.indexOf(d, '#', authority, end);
        int fragmentStart = hash < 0 ? end : hash;
        int question = Bytes.indexOf(d, '?', authority, fragmentStart);
        int queryStart = question < 0 ? fragmentStart : question;
        int pathStart = authority;
        while (pathStart < queryStart && d[pathStart] != '/') {
            pathStart++;
        }
        List<Payload> out = new ArrayList<>();
        addPathSegments(payload, d, pathStart, queryStart, out);
        if (question >= 0) {
            List<Payload> query = Pairs.split(payload, d, question + 1, fragmentStart, (byte) '&', "query:", false,
                    limits.maxChildren());
            out.addAll(query);
        }
        if (hash >= 0 && hash + 1 < end) {
            out.add(payload.childAt("fragment", hash + 1, end, PercentCodec.decode(d, hash + 1, end, false)));
        }
        return out;
    }

    private static void addPathSegments(Payload payload, byte[] d, int from, int to, List<Payload> out) {
        int index = 0;
        int start = from < to && d[from] == '/' ? from + 1 : from;
        while (start < to) {
            int slash = Bytes.indexOf(d, '/', start, to);
            int end = slash < 0 ? to : slash;
            if (end - start >= MIN_DATA_SEGMENT && looksEncoded(d, start, end)) {
                out.add(payload.childAt("urlpath:" + index, start, end, PercentCodec.decode(d, start, end, false)));
            }
            index++;
            start = end + 1;
        }
    }

    /** Base64-ish or hex-ish: mostly letters and digits with both present, or percent escapes. */
    private static boolean looksEncoded(byte[] d, int from, int to) {
        if (PercentCodec.hasEscape(d, from, to)) {
            return true;
        }
        boolean digit = false;
        boolean letter = false;
        for (int i = from; i < to; i++) {
            int b = d[i];
            if (b >= '0' && b <= '9') {
                digit = true;
            } else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                letter = true;
            } else if (b != '-' && b != '_' && b != '=' && b != '+' && b != '~' && b != '.') {
                return false;
            }
        }
        return digit && letter;
    }

    /** The index just after "scheme://" for http, https, ws and wss URLs, else -1. */
    private static int schemeEnd(byte[] d) {
        int i = Bytes.skipWhitespace(d, 0);
        for (String scheme : SCHEMES) {
            if (startsWithIgnoreCase(d, i, scheme)) {
                return i + scheme.length();
            }
        }
        return -1;
    }

    private static boolean startsWithIgnoreCase(byte[] d, int from, String prefix) {
        if (d.length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) d[from + i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
