package org.telltale.apk.dex;

import java.util.ArrayList;
import java.util.List;

import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;

/**
 * Reads the classes of a DEX file: versions 035 to 041, including the v041 container that holds
 * several DEX files one after the other.
 *
 * <p>Our own reader, because the one on Maven Central (dexlib2 2.5.2) stops at version 039 and
 * builds a full object model of everything, annotations and debug info included, where a scan needs
 * only names, calls, class references and strings, read once straight from the bytes. Hostile files
 * are expected: every offset and size is checked before use, every count is bounded by
 * {@link CodeLimits} or by the bytes it describes, items shared by many pointers cost a bounded
 * number of passes, and nothing is read twice, so the work is linear in the input.
 */
public final class DexReader {
    private DexReader() {
    }

    /**
     * Every class defined in {@code data}, in file order. Classes from the n-th DEX file of a v041
     * container (n counted from 0) have {@code source + "#" + n} as their source when n is above 0.
     *
     * @throws CodeFormatException when the file is damaged, hostile or past a limit; the message
     *                             names the source, the table and the offset, in one line
     */
    public static List<CodeClass> read(byte[] data, String source, CodeLimits limits) throws CodeFormatException {
        try {
            if (data.length > limits.maxDexBytes()) {
                throw new CodeFormatException(String.format("%d bytes, more than the limit of %d for a DEX file",
                        data.length, limits.maxDexBytes()));
            }
            DexHeader first = DexHeader.read(new DexInput(data, data.length), 0);
            return first.isContainer() ? readContainer(data, first, source, limits) : readOne(data, first, source, limits);
        } catch (CodeFormatException e) {
            throw new CodeFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<CodeClass> readOne(byte[] data, DexHeader header, String source, CodeLimits limits)
            throws CodeFormatException {
        if (header.fileSize() > data.length || header.fileSize() < header.headerSize()) {
            throw new CodeFormatException(String.format("header: file_size 0x%x, but the file has 0x%x bytes",
                    header.fileSize(), data.length));
        }
        return new DexFileReader(new DexInput(data, header.fileSize()), header, limits).read(source);
    }

    /** Each DEX of the container in turn: its header is where the previous one's file_size ends. */
    private static List<CodeClass> readContainer(byte[] data, DexHeader first, String source, CodeLimits limits)
            throws CodeFormatException {
        int end = first.containerSize();
        if (end > data.length) {
            throw new CodeFormatException(String.format("header: container_size 0x%x, but the file has 0x%x bytes",
                    end, data.length));
        }
        DexInput in = new DexInput(data, end);
        List<CodeClass> classes = new ArrayList<>();
        int at = 0;
        for (int n = 0; at < end; n++) {
            DexHeader header = n == 0 ? first : DexHeader.read(in, at);
            if (!header.isContainer() || header.headerOffset() != at || header.containerSize() != end) {
                throw new CodeFormatException(String.format(
                        "header at 0x%x: version %03d, header_offset 0x%x, container_size 0x%x do not fit a container of 0x%x bytes",
                        at, header.version(), header.headerOffset(), header.containerSize(), end));
            }
            if (header.fileSize() < header.headerSize() || header.fileSize() > end - at) {
                throw new CodeFormatException(String.format("header at 0x%x: file_size 0x%x runs past the container's end at 0x%x",
                        at, header.fileSize(), end));
            }
            classes.addAll(new DexFileReader(in, header, limits).read(n == 0 ? source : source + "#" + n));
            at += header.fileSize();
        }
        return classes;
    }
}
