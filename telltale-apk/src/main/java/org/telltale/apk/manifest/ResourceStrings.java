package org.telltale.apk.manifest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;

/**
 * The strings of an app's compiled resources: the global string pool of {@code resources.arsc} (every
 * string value of {@code res/values}, where apps keep server addresses and API keys) and the string pool
 * of a compiled XML file ({@code res/xml/*.xml}, network security configs and preferences with URLs).
 *
 * <p>Written by hand: apksig reads only the manifest and has no reader of the resource table, and the part
 * needed is small: a chunk header, then a {@code ResStringPool} of an offsets table and strings in UTF-8 or
 * UTF-16, each prefixed by its length. Every offset and length is checked against the chunk; strings are
 * cut at {@link CodeLimits#maxStringBytes()}, and the bytes decoded in all are bounded by a multiple of the
 * pool's size, so a pool whose offsets all point at one long string cannot multiply the work.
 */
public final class ResourceStrings {
    private static final int RES_STRING_POOL_TYPE = 0x0001;
    private static final int RES_TABLE_TYPE = 0x0002;
    private static final int RES_XML_TYPE = 0x0003;
    private static final int UTF8_FLAG = 0x100;
    private static final int POOL_HEADER_SIZE = 28;
    /** Decoded bytes allowed per byte of pool: real pools decode each byte once. */
    private static final int WORK_PER_POOL_BYTE = 4;

    private ResourceStrings() {
    }

    /** The global string pool of a {@code resources.arsc}, in index order. */
    public static List<String> read(byte[] resourcesArsc, CodeLimits limits) throws CodeFormatException {
        return firstPool(resourcesArsc, RES_TABLE_TYPE, "resources.arsc", limits);
    }

    /** The string pool of a compiled (binary) XML file, {@code AndroidManifest.xml} or {@code res/xml/*.xml}. */
    public static List<String> readXml(byte[] binaryXml, CodeLimits limits) throws CodeFormatException {
        return firstPool(binaryXml, RES_XML_TYPE, "binary XML", limits);
    }

    private static List<String> firstPool(byte[] bytes, int fileType, String what, CodeLimits limits)
            throws CodeFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8 || buf.getShort(0) != fileType) {
            throw new CodeFormatException(what + ": not a chunk of type 0x" + Integer.toHexString(fileType));
        }
        int headerSize = buf.getShort(2) & 0xffff;
        long size = buf.getInt(4) & 0xffffffffL;
        if (headerSize < 8 || headerSize > bytes.length || size < headerSize) {
            throw new CodeFormatException(what + ": bad header (header " + headerSize + ", size " + size + ")");
        }
        int end = (int) Math.min(size, bytes.length);
        int offset = headerSize;
        // The pool is the table's and the XML file's first chunk; others are looked past, should a tool put one first.
        while (offset + 8 <= end) {
            int type = buf.getShort(offset) & 0xffff;
            long chunkSize = buf.getInt(offset + 4) & 0xffffffffL;
            if (chunkSize < 8 || offset + chunkSize > end) {
                throw new CodeFormatException(what + ": chunk at " + offset + " has size " + chunkSize);
            }
            if (type == RES_STRING_POOL_TYPE) {
                return pool(buf, offset, (int) chunkSize, what, limits);
            }
            offset += (int) chunkSize;
        }
        throw new CodeFormatException(what + ": no string pool");
    }

    private static List<String> pool(ByteBuffer buf, int start, int size, String what, CodeLimits limits)
            throws CodeFormatException {
        int headerSize = buf.getShort(start + 2) & 0xffff;
        if (headerSize < POOL_HEADER_SIZE || headerSize > size) {
            throw new CodeFormatException(what + ": string pool header of " + headerSize + " bytes");
        }
        long count = buf.getInt(start + 8) & 0xffffffffL;
        int flags = buf.getInt(start + 16);
        long stringsStart = buf.getInt(start + 20) & 0xffffffffL;
        if (count > (size - headerSize) / 4 || count > 0 && (stringsStart < headerSize + 4 * count || stringsStart > size)) {
            throw new CodeFormatException(what + ": string pool of " + count + " strings from " + stringsStart
                    + " does not fit its " + size + " bytes");
        }
        boolean utf8 = (flags & UTF8_FLAG) != 0;
        int dataStart = start + (int) stringsStart;
        int dataEnd = start + size;
        long budget = (long) WORK_PER_POOL_BYTE * size + limits.maxStringBytes();
        List<String> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long at = dataStart + (buf.getInt(start + headerSize + 4 * i) & 0xffffffffL);
            if (at >= dataEnd) {
                throw new CodeFormatException(what + ": string " + i + " starts past its pool");
            }
            Span span = utf8 ? utf8Span(buf, (int) at, dataEnd) : utf16Span(buf, (int) at, dataEnd);
            if (span == null) {
                throw new CodeFormatException(what + ": string " + i + " runs past its pool");
            }
            int keep = Math.min(span.length, utf8 ? limits.maxStringBytes() : limits.maxStringBytes() & ~1);
            budget -= keep;
            if (budget < 0) {
                throw new CodeFormatException(what + ": string pool decodes to more than " + WORK_PER_POOL_BYTE
                        + " times its size");
            }
            out.add(utf8 ? utf8Text(buf, span.from, keep, span.length) : new String(bytes(buf, span.from, keep),
                    StandardCharsets.UTF_16LE));
        }
        return out;
    }

    /** Where a string's bytes are: offset and length in bytes. */
    private record Span(int from, int length) {
    }

    /** A UTF-8 pool entry: its length in UTF-16 units, then in bytes (each 1 or 2 bytes long), then the bytes. */
    private static Span utf8Span(ByteBuffer buf, int at, int end) {
        int p = at;
        for (int lengths = 0; lengths < 2; lengths++) {
            if (p >= end) {
                return null;
            }
            int b = buf.get(p) & 0xff;
            if ((b & 0x80) != 0) {
                if (p + 1 >= end) {
                    return null;
                }
                b = (b & 0x7f) << 8 | buf.get(p + 1) & 0xff;
                p += 2;
            } else {
                p++;
            }
            if (lengths == 1) {
                return (long) p + b > end ? null : new Span(p, b);
            }
        }
        return null;
    }

    /** A UTF-16 pool entry: its length in units (one unit, or two when the high bit is set), then the units. */
    private static Span utf16Span(ByteBuffer buf, int at, int end) {
        if (at + 2 > end) {
            return null;
        }
        long units = buf.getShort(at) & 0xffff;
        int p = at + 2;
        if ((units & 0x8000) != 0) {
            if (p + 2 > end) {
                return null;
            }
            units = (units & 0x7fff) << 16 | buf.getShort(p) & 0xffff;
            p += 2;
        }
        return p + 2 * units > end ? null : new Span(p, (int) (2 * units));
    }

    /** UTF-8 bytes as text; when cut, the cut falls before a partial character so none is garbled. */
    private static String utf8Text(ByteBuffer buf, int from, int keep, int length) {
        int n = keep;
        if (keep < length) {
            while (n > 0 && (buf.get(from + n) & 0xc0) == 0x80) {
                n--;
            }
        }
        return new String(bytes(buf, from, n), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buf, int from, int length) {
        byte[] out = new byte[length];
        buf.get(from, out);
        return out;
    }
}
