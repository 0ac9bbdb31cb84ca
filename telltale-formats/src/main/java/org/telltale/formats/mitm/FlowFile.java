package org.telltale.formats.mitm;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.telltale.api.CaptureException;

/**
 * The top-level tnetstrings of a mitmproxy flow file, one flow in memory at a time. A flow whose
 * inside does not parse can be skipped because its length is known; a broken length cannot.
 */
final class FlowFile implements Closeable {
    /** One flow larger than this is refused: it has to be held in memory whole. */
    static final int MAX_FLOW_BYTES = 256 * 1024 * 1024;

    /**
     * One top-level value.
     *
     * @param offset  where it starts in the file
     * @param flow    the dictionary; null when the value is not one or does not parse
     * @param problem why {@code flow} is null
     */
    record Entry(long offset, Map<String, Object> flow, String problem) {
    }

    private final InputStream in;
    private final long size;
    private long offset;

    private FlowFile(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    static FlowFile open(Path file) throws IOException, CaptureException {
        long size = Files.size(file);
        if (size == 0) {
            throw new CaptureException("byte 0", "empty file: no mitmproxy flows");
        }
        return new FlowFile(new BufferedInputStream(Files.newInputStream(file), 1 << 16), size);
    }

    /** The next top-level value, or null at the end of the file. */
    Entry next() throws IOException, CaptureException {
        long start = offset;
        int first = in.read();
        if (first < 0) {
            return null;
        }
        offset++;
        long length = lengthPrefix(start, first);
        long payloadStart = offset;
        if (length > size - payloadStart - 1) {
            throw new CaptureException("byte " + start, "tnetstring length " + length + " is longer than the file"
                    + " (" + (size - payloadStart) + " bytes left)");
        }
        if (length > MAX_FLOW_BYTES) {
            throw new CaptureException("byte " + start, "tnetstring length " + length
                    + " is more than the " + MAX_FLOW_BYTES + " bytes allowed for one flow");
        }
        byte[] value = in.readNBytes((int) length + 1);
        offset += value.length;
        if (value.length != length + 1) {
            throw new CaptureException("byte " + offset, "the file ends inside the flow that starts at byte " + start);
        }
        char type = (char) (value[(int) length] & 0xff);
        if ("}],;#^!~".indexOf(type) < 0) {
            throw new CaptureException("byte " + (offset - 1), "unknown tnetstring type " + Tnetstring.show(type)
                    + " after the value that starts at byte " + start);
        }
        if (type != '}') {
            return new Entry(start, null, "a " + typeName(type) + ", not a flow dictionary; skipped");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> flow = (Map<String, Object>) new Tnetstring(value, payloadStart)
                    .value(0, (int) length, type, 0);
            return new Entry(start, flow, null);
        } catch (TnetstringException e) {
            return new Entry(start, null, e.place() + ": " + e.getMessage() + "; flow skipped");
        }
    }

    private long lengthPrefix(long start, int first) throws IOException, CaptureException {
        if (first < '0' || first > '9') {
            String what = start == 0 ? "not a mitmproxy flow file: " : "after the last flow: ";
            throw new CaptureException("byte " + start, what + "a tnetstring starts with its length in digits, found "
                    + Tnetstring.show((char) first));
        }
        long length = first - '0';
        int digits = 1;
        for (int c = in.read(); c != ':'; c = in.read()) {
            offset++;
            if (c < 0) {
                throw new CaptureException("byte " + offset, "the file ends inside a tnetstring length");
            }
            if (c < '0' || c > '9') {
                throw new CaptureException("byte " + (offset - 1), "a tnetstring length must be digits, found "
                        + Tnetstring.show((char) c));
            }
            if (++digits > Tnetstring.MAX_LENGTH_DIGITS) {
                throw new CaptureException("byte " + start, "a tnetstring length has more than "
                        + Tnetstring.MAX_LENGTH_DIGITS + " digits");
            }
            length = length * 10 + (c - '0');
        }
        offset++;
        return length;
    }

    private static String typeName(char type) {
        switch (type) {
            case ']':
                return "list";
            case ',':
            case ';':
                return "string";
            case '#':
            case '^':
                return "number";
            case '!':
                return "boolean";
            default:
                return "null";
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
