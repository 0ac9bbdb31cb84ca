package org.telltale.apk.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A super.img of dynamic partitions (liblp metadata: the geometry at 4096, the first metadata slot after
 * its two copies, then the partition, extent and block-device tables): each logical partition becomes a
 * view of its LINEAR extents (ZERO extents read as zeros), so nothing is copied. Partitions with no
 * extents (the other A/B slot) are left out. Extents on another block device than super itself are
 * refused. Table sizes, entry counts and extents are all checked against the image.
 */
final class SuperImage {
    static final int GEOMETRY_OFFSET = 4096;
    private static final int GEOMETRY_MAGIC = 0x616c4467;
    private static final int HEADER_MAGIC = 0x414C5030;
    private static final int SECTOR = 512;
    private static final int MAX_TABLES = 1 << 20;

    /** One logical partition, named as in the metadata ({@code system_a}). */
    record Partition(String name, ImageView view) {
    }

    private SuperImage() {
    }

    static boolean matches(ImageView image) throws IOException {
        return image.size() >= GEOMETRY_OFFSET * 3
                && FirmwareWalker.leInt(image.bytes(GEOMETRY_OFFSET, 4), 0) == GEOMETRY_MAGIC;
    }

    static List<Partition> partitions(ImageView image) throws IOException, FirmwareFormatException {
        ByteBuffer geometry = le(image.bytes(GEOMETRY_OFFSET, 52));
        long metadataMax = Integer.toUnsignedLong(geometry.getInt(40));
        if (metadataMax < 256 || metadataMax > MAX_TABLES) {
            throw new FirmwareFormatException("super: metadata size " + metadataMax + " out of range");
        }
        long at = GEOMETRY_OFFSET + 2L * GEOMETRY_OFFSET;
        if (at + metadataMax > image.size()) {
            throw new FirmwareFormatException("super: metadata past the end of the image");
        }
        ByteBuffer header = le(image.bytes(at, 128));
        if (header.getInt(0) != HEADER_MAGIC) {
            throw new FirmwareFormatException("super: no metadata header magic at " + at);
        }
        int major = header.getShort(4) & 0xffff;
        long headerSize = Integer.toUnsignedLong(header.getInt(8));
        long tablesSize = Integer.toUnsignedLong(header.getInt(44));
        if (major != 10 || headerSize < 128 || headerSize + tablesSize > metadataMax) {
            throw new FirmwareFormatException("super: metadata version " + major + " or sizes out of range");
        }
        ByteBuffer tables = le(image.bytes(at + headerSize, (int) tablesSize));
        int[] parts = table(header, 80, 52, tablesSize, "partition");
        int[] extents = table(header, 92, 24, tablesSize, "extent");
        List<Partition> out = new ArrayList<>();
        for (int i = 0; i < parts[1]; i++) {
            int p = parts[0] + i * parts[2];
            byte[] rawName = new byte[36];
            tables.get(p, rawName);
            int len = 0;
            while (len < rawName.length && rawName[len] != 0) {
                len++;
            }
            String name = new String(rawName, 0, len, StandardCharsets.US_ASCII);
            long first = Integer.toUnsignedLong(tables.getInt(p + 40));
            long count = Integer.toUnsignedLong(tables.getInt(p + 44));
            if (first > extents[1] || count > extents[1] - first) {
                throw new FirmwareFormatException("super: partition " + name + " names extents past the table");
            }
            if (count == 0) {
                continue;
            }
            if (name.isEmpty() || name.indexOf('/') >= 0) {
                throw new FirmwareFormatException("super: a partition without a usable name");
            }
            List<ImageView.Segment> runs = new ArrayList<>();
            for (long k = first; k < first + count; k++) {
                int e = extents[0] + (int) k * extents[2];
                long sectors = tables.getLong(e);
                int type = tables.getInt(e + 8);
                long target = tables.getLong(e + 12);
                int source = tables.getInt(e + 20);
                if (sectors < 0 || sectors > image.size() / SECTOR) {
                    throw new FirmwareFormatException("super: an extent of " + name + " larger than the image");
                }
                if (type == 1) {
                    runs.add(ImageView.Segment.zeros(sectors * SECTOR));
                } else if (type == 0) {
                    if (source != 0) {
                        throw new FirmwareFormatException("super: partition " + name
                                + " lies on another block device, not supported");
                    }
                    if (target < 0 || target > image.size() / SECTOR - sectors) {
                        throw new FirmwareFormatException("super: an extent of " + name + " points past the end");
                    }
                    runs.add(new ImageView.Segment(target * SECTOR, sectors * SECTOR));
                } else {
                    throw new FirmwareFormatException("super: extent type " + type + " in " + name);
                }
            }
            out.add(new Partition(name, image.slice(runs)));
        }
        return out;
    }

    /** A table descriptor (offset, entries, entry size) checked to lie inside the tables. */
    private static int[] table(ByteBuffer header, int at, int minEntry, long tablesSize, String what)
            throws FirmwareFormatException {
        long offset = Integer.toUnsignedLong(header.getInt(at));
        long entries = Integer.toUnsignedLong(header.getInt(at + 4));
        long size = Integer.toUnsignedLong(header.getInt(at + 8));
        if (size < minEntry || offset > tablesSize || entries > (tablesSize - offset) / size) {
            throw new FirmwareFormatException("super: " + what + " table out of range");
        }
        return new int[] {(int) offset, (int) entries, (int) size};
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
