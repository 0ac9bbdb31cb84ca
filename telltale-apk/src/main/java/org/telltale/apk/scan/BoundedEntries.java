package org.telltale.apk.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;

import org.telltale.apk.code.CodeLimits;

/**
 * Reads zip entries within {@link CodeLimits}: never more than the largest entry allowed, and never
 * more than the largest inflation ratio, whatever the entry's header claims, so a zip bomb stops at
 * the limit with a one-line message.
 */
final class BoundedEntries {
    private BoundedEntries() {
    }

    /** The entry's bytes, or an exception naming the entry and the limit it passed. */
    static byte[] read(InputStream in, ZipEntry entry, String name, CodeLimits limits) throws IOException {
        long compressed = Math.max(entry.getCompressedSize(), 1024);
        long cap = Math.min(limits.maxEntryBytes(), compressed * limits.maxRatio());
        long declared = entry.getSize();
        if (declared >= 0 && declared <= cap) {
            // The size the zip declares, read straight into one array of that size (readNBytes(int) collects
            // chunks and copies them, twice the entry in memory); a byte more or less than declared is damage.
            byte[] exact = new byte[(int) declared];
            if (in.readNBytes(exact, 0, exact.length) != declared || in.read() >= 0) {
                throw new IOException(name + ": its data does not have the size its zip entry declares (" + declared + " bytes)");
            }
            return exact;
        }
        byte[] bytes = in.readNBytes((int) Math.min(cap, Integer.MAX_VALUE - 16) + 1);
        if (bytes.length > cap) {
            throw new IOException(name + ": inflates past " + (cap == limits.maxEntryBytes()
                    ? limits.maxEntryBytes() + " bytes (the largest entry read)"
                    : limits.maxRatio() + " times its compressed size (a zip bomb?)"));
        }
        return bytes;
    }
}
