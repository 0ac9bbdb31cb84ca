package org.telltale.formats.mitm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tnetstring values inside one mitmproxy flow, parsed from bytes already in memory.
 * Values become byte[] (","), String (";"), Long ("#"), Double ("^"), Boolean ("!"), null ("~"),
 * List ("]") and Map with String keys ("}"). Dictionary keys may be bytes (flows written by Python 2)
 * or text; both become Strings.
 */
final class Tnetstring {
    /** Nesting deeper than this is not a flow mitmproxy wrote; real flows nest about six levels. */
    static final int MAX_DEPTH = 32;
    /** The longest length prefix accepted: 10 digits is already more than any flow we read. */
    static final int MAX_LENGTH_DIGITS = 10;

    private final byte[] data;
    private final long base;

    /**
     * @param data the bytes holding the values
     * @param base the offset of {@code data[0]} in the file, for messages
     */
    Tnetstring(byte[] data, long base) {
        this.data = data;
        this.base = base;
    }

    /** Parses the one value that fills {@code data[from..to)} with its type byte last. */
    Object value(int from, int to, char type, int depth) throws TnetstringException {
        if (depth > MAX_DEPTH) {
            throw new TnetstringException(base + from, "tnetstrings nest deeper than " + MAX_DEPTH);
        }
        switch (type) {
            case ',':
                return java.util.Arrays.copyOfRange(data, from, to);
            case ';':
                return new String(data, from, to - from, StandardCharsets.UTF_8);
            case '#':
                return integer(from, to);
            case '^':
                return decimal(from, to);
            case '!':
                return bool(from, to);
            case '~':
                if (to != from) {
                    throw new TnetstringException(base + from, "a tnetstring null must be empty");
                }
                return null;
            case ']':
                return list(from, to, depth);
            case '}':
                return dict(from, to, depth);
            default:
                throw new TnetstringException(base + to, "unknown tnetstring type " + show(type));
        }
    }

    private List<Object> list(int from, int to, int depth) throws TnetstringException {
        List<Object> list = new ArrayList<>();
        int at = from;
        while (at < to) {
            int[] frame = frame(at, to);
            list.add(value(frame[0], frame[1], (char) (data[frame[1]] & 0xff), depth + 1));
            at = frame[1] + 1;
        }
        return list;
    }

    private Map<String, Object> dict(int from, int to, int depth) throws TnetstringException {
        Map<String, Object> dict = new LinkedHashMap<>();
        int at = from;
        while (at < to) {
            int[] keyFrame = frame(at, to);
            char keyType = (char) (data[keyFrame[1]] & 0xff);
            if (keyType != ',' && keyType != ';') {
                throw new TnetstringException(base + at, "a dictionary key must be a string, found type " + show(keyType));
            }
            String key = new String(data, keyFrame[0], keyFrame[1] - keyFrame[0], StandardCharsets.UTF_8);
            at = keyFrame[1] + 1;
            if (at >= to) {
                throw new TnetstringException(base + at, "dictionary key \"" + key + "\" has no value");
            }
            int[] valueFrame = frame(at, to);
            dict.put(key, value(valueFrame[0], valueFrame[1], (char) (data[valueFrame[1]] & 0xff), depth + 1));
            at = valueFrame[1] + 1;
        }
        return dict;
    }

    /**
     * Reads the length prefix at {@code at}; returns {payload start, payload end} where the type byte
     * sits at payload end, which is checked to lie before {@code limit}.
     */
    int[] frame(int at, int limit) throws TnetstringException {
        int colon = at;
        long length = 0;
        while (colon < limit && data[colon] != ':') {
            int digit = data[colon] - '0';
            if (digit < 0 || digit > 9) {
                throw new TnetstringException(base + colon, "a tnetstring length must be digits, found " + show((char) (data[colon] & 0xff)));
            }
            if (colon - at >= MAX_LENGTH_DIGITS) {
                throw new TnetstringException(base + at, "a tnetstring length has more than " + MAX_LENGTH_DIGITS + " digits");
            }
            length = length * 10 + digit;
            colon++;
        }
        if (colon == at || colon >= limit) {
            throw new TnetstringException(base + at, colon == at ? "a tnetstring must start with its length"
                    : "a tnetstring length has no ':' after it");
        }
        long end = colon + 1 + length;
        if (end >= limit) {
            throw new TnetstringException(base + at, "tnetstring length " + length + " is longer than its container");
        }
        return new int[] {colon + 1, (int) end};
    }

    private Long integer(int from, int to) throws TnetstringException {
        String text = new String(data, from, to - from, StandardCharsets.US_ASCII);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TnetstringException(base + from, "not an integer: " + abbreviate(text));
        }
    }

    private Double decimal(int from, int to) throws TnetstringException {
        String text = new String(data, from, to - from, StandardCharsets.US_ASCII);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TnetstringException(base + from, "not a number: " + abbreviate(text));
        }
    }

    private Boolean bool(int from, int to) throws TnetstringException {
        String text = new String(data, from, to - from, StandardCharsets.US_ASCII);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw new TnetstringException(base + from, "not a boolean: " + abbreviate(text));
    }

    static String show(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("0x%02x", (int) c);
    }

    private static String abbreviate(String text) {
        return text.length() > 32 ? text.substring(0, 32) + "..." : text;
    }
}
