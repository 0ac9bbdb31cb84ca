package org.telltale.attribute.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** Reads the regular files of a gzip-compressed tar archive (ustar, as npm writes them) into memory. */
final class TarGzArchive {
    private static final int BLOCK = 512;
    /** Largest single member kept, in bytes. */
    static final long MAX_MEMBER = 512L << 20;
    /** Most members read before giving up. */
    private static final int MAX_MEMBERS = 10_000;

    private TarGzArchive() {
    }

    /**
     * @param wanted says, from a member's base name, whether to keep it
     * @return base name to content of each wanted regular file
     * @throws IOException when the archive is unreadable, malformed or exceeds the limits
     */
    static Map<String, byte[]> read(InputStream in, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> members = new HashMap<>();
        try (InputStream tar = new GZIPInputStream(in, 1 << 16)) {
            byte[] header = new byte[BLOCK];
            for (int count = 0; count < MAX_MEMBERS; count++) {
                if (tar.readNBytes(header, 0, BLOCK) < BLOCK || isZero(header)) {
                    return members;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                String baseName = path.substring(path.lastIndexOf('/') + 1);
                if ((type == '0' || type == 0) && size <= MAX_MEMBER && wanted.test(baseName)) {
                    byte[] content = tar.readNBytes((int) size);
                    if (content.length < size) {
                        throw new IOException("archive member " + path + " is truncated");
                    }
                    members.put(baseName, content);
                    skip(tar, padded - size);
                } else {
                    skip(tar, padded);
                }
            }
        }
        throw new IOException("archive has more than " + MAX_MEMBERS + " members");
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        String digits = text(header, offset, length).trim();
        try {
            long value = digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
            if (value < 0) {
                throw new IOException("negative archive member size");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("bad archive member size: " + digits, e);
        }
    }

    private static void skip(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("archive ends inside a member");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
