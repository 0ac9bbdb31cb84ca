package org.telltale.apk.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a super.img of dynamic partitions (liblp metadata version 10.0) for tests, as AOSP's lpmake does,
 * which Debian does not package: the geometry at 4096 and its backup, metadata slot 0 with SHA-256
 * checksums over the header and the tables, then the partitions' data. Each partition of the A slot is
 * laid out as the test asks (its image cut into several LINEAR extents placed out of order, and an
 * all-zero tail as a ZERO extent); the B slot's partitions are listed without extents, as on a freshly
 * flashed A/B device.
 */
final class SuperImageWriter {
    static final int SECTOR = 512;
    private static final int METADATA_MAX = 65536;
    private static final int SLOTS = 2;
    private static final long DATA_START = 1 << 20;

    /** A partition: its name without slot suffix, its raw image and how many LINEAR pieces to cut it into. */
    record Partition(String name, Path image, int pieces) {
    }

    private SuperImageWriter() {
    }

    static void write(Path out, List<Partition> partitions) throws IOException {
        ByteBuffer partTable = le(ByteBuffer.allocate(4 * partitions.size() * 52));
        ByteBuffer extentTable = le(ByteBuffer.allocate(4096));
        List<long[]> placements = new ArrayList<>();
        int extents = 0;
        int partCount = 0;
        // The pieces go into the data area last piece first, so a reader that ignored the extents' order fails.
        long next = DATA_START;
        for (Partition p : partitions) {
            long size = Files.size(p.image());
            long zeroTail = zeroTail(p.image());
            long linear = size - zeroTail;
            long piece = (linear / p.pieces() / 4096 + 1) * 4096;
            List<long[]> pieces = new ArrayList<>();
            for (long at = 0; at < linear; at += piece) {
                pieces.add(new long[] {at, Math.min(piece, linear - at)});
            }
            long[] target = new long[pieces.size()];
            for (int i = pieces.size() - 1; i >= 0; i--) {
                target[i] = next;
                placements.add(new long[] {next, pieces.get(i)[0], pieces.get(i)[1], partitions.indexOf(p)});
                next += (pieces.get(i)[1] + 4095) / 4096 * 4096;
            }
            int first = extents;
            for (int i = 0; i < pieces.size(); i++) {
                extentTable.putLong(pieces.get(i)[1] / SECTOR).putInt(0).putLong(target[i] / SECTOR).putInt(0);
                extents++;
            }
            if (zeroTail > 0) {
                extentTable.putLong(zeroTail / SECTOR).putInt(1).putLong(0).putInt(0);
                extents++;
            }
            partition(partTable, p.name() + "_a", first, extents - first);
            partition(partTable, p.name() + "_b", 0, 0);
            partCount += 2;
        }
        ByteBuffer groupTable = le(ByteBuffer.allocate(48));
        groupTable.put(name("default")).putInt(0).putLong(0);
        ByteBuffer deviceTable = le(ByteBuffer.allocate(64));
        deviceTable.putLong(DATA_START / SECTOR).putInt(4096).putInt(0).putLong(next).put(name("super")).putInt(0);

        int partBytes = partCount * 52;
        int extentBytes = extents * 24;
        ByteBuffer tables = le(ByteBuffer.allocate(partBytes + extentBytes + 48 + 64));
        tables.put(partTable.array(), 0, partBytes).put(extentTable.array(), 0, extentBytes)
                .put(groupTable.array()).put(deviceTable.array());
        ByteBuffer header = le(ByteBuffer.allocate(128));
        header.putInt(0x414C5030).putShort((short) 10).putShort((short) 0).putInt(128).put(new byte[32])
                .putInt(tables.capacity()).put(sha256(tables.array()))
                .putInt(0).putInt(partCount).putInt(52)
                .putInt(partBytes).putInt(extents).putInt(24)
                .putInt(partBytes + extentBytes).putInt(1).putInt(48)
                .putInt(partBytes + extentBytes + 48).putInt(1).putInt(64);
        header.put(12, sha256(header.array()));

        ByteBuffer geometry = le(ByteBuffer.allocate(52));
        geometry.putInt(0x616c4467).putInt(52).put(new byte[32]).putInt(METADATA_MAX).putInt(SLOTS).putInt(4096);
        geometry.put(8, sha256(geometry.array()));

        try (FileChannel c = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            c.write(geometry.rewind(), 4096);
            c.write(geometry.rewind(), 8192);
            c.write(header.rewind(), 12288);
            c.write(tables.rewind(), 12288 + 128);
            for (long[] place : placements) {
                Path image = partitions.get((int) place[3]).image();
                try (FileChannel in = FileChannel.open(image)) {
                    // transferTo may move fewer bytes than asked (8 MB at a time between files).
                    for (long done = 0; done < place[2]; ) {
                        done += in.transferTo(place[1] + done, place[2] - done, c.position(place[0] + done));
                    }
                }
            }
            if (c.size() < next) {
                c.write(ByteBuffer.allocate(1), next - 1);
            }
        }
    }

    private static void partition(ByteBuffer table, String name, int firstExtent, int extents) {
        table.put(name(name)).putInt(0).putInt(firstExtent).putInt(extents).putInt(0);
    }

    private static byte[] name(String name) {
        byte[] out = new byte[36];
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    /** The length of the all-zero end of the image, in whole 4 KiB blocks. */
    private static long zeroTail(Path image) throws IOException {
        byte[] bytes = Files.readAllBytes(image);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        long dataEnd = (end + 4095L) / 4096 * 4096;
        return bytes.length - dataEnd;
    }

    private static ByteBuffer le(ByteBuffer b) {
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
