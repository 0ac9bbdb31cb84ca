package org.telltale.apk.firmware;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.telltale.apk.code.CodeLimits;

/**
 * A read-only ext4 (and ext2/ext3) reader: superblock, 32- and 64-bit group descriptors, inodes, extent
 * trees of any depth, legacy direct and indirect block maps, linear directories (htree directories read
 * linearly, as their leaves are ordinary directory blocks) and regular files. Written by hand because no
 * maintained Java library reads ext4: the few on Maven Central are unmaintained ext2 readers without
 * extents. Every count and offset is checked against the image before use; directory loops cannot
 * recur (each directory inode is walked once, and the depth is bounded).
 */
final class Ext4Tree implements FileTree {
    static final int SUPERBLOCK_OFFSET = 1024;
    private static final int MAGIC = 0xEF53;
    private static final int ROOT_INODE = 2;
    private static final int INCOMPAT_FILETYPE = 0x2;
    private static final int INCOMPAT_JOURNAL_DEV = 0x8;
    private static final int INCOMPAT_META_BG = 0x10;
    private static final int INCOMPAT_64BIT = 0x80;
    private static final int FLAG_EXTENTS = 0x80000;
    private static final int FLAG_INLINE_DATA = 0x10000000;
    private static final int EXTENT_MAGIC = 0xF30A;
    private static final int MAX_EXTENT_DEPTH = 5;
    private static final int MAX_PATH_DEPTH = 64;
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;

    private final ImageView image;
    private final CodeLimits limits;
    private final int blockSize;
    private final long blocks;
    private final long inodes;
    private final int inodesPerGroup;
    private final int inodeSize;
    private final int descSize;
    private final long descTable;
    private final long groups;
    private final boolean fileType;
    private final Set<Long> walkedDirectories = new HashSet<>();
    private int files;

    private Ext4Tree(ImageView image, CodeLimits limits) throws IOException, FirmwareFormatException {
        this.image = image;
        this.limits = limits;
        ByteBuffer sb = buffer(SUPERBLOCK_OFFSET, 1024);
        if ((sb.getShort(56) & 0xffff) != MAGIC) {
            throw new FirmwareFormatException("ext4: no superblock magic at 1080");
        }
        int logBlock = sb.getInt(24);
        if (logBlock < 0 || logBlock > 6) {
            throw new FirmwareFormatException("ext4: block size 1024<<" + logBlock + " out of range");
        }
        blockSize = 1024 << logBlock;
        int incompat = sb.getInt(96);
        if ((incompat & (INCOMPAT_JOURNAL_DEV | INCOMPAT_META_BG)) != 0) {
            throw new FirmwareFormatException("ext4: journal device or meta_bg layout, not supported");
        }
        fileType = (incompat & INCOMPAT_FILETYPE) != 0;
        boolean wide = (incompat & INCOMPAT_64BIT) != 0;
        blocks = Integer.toUnsignedLong(sb.getInt(4)) | (wide ? Integer.toUnsignedLong(sb.getInt(0x150)) << 32 : 0);
        inodes = Integer.toUnsignedLong(sb.getInt(0));
        long blocksPerGroup = Integer.toUnsignedLong(sb.getInt(32));
        inodesPerGroup = sb.getInt(40);
        int rev = sb.getInt(76);
        inodeSize = rev == 0 ? 128 : sb.getShort(88) & 0xffff;
        descSize = wide ? sb.getShort(254) & 0xffff : 32;
        long firstDataBlock = Integer.toUnsignedLong(sb.getInt(20));
        if (blocksPerGroup == 0 || inodesPerGroup <= 0 || inodeSize < 128 || inodeSize > blockSize
                || Integer.bitCount(inodeSize) != 1 || descSize < 32 || descSize > 1024 || Integer.bitCount(descSize) != 1
                || firstDataBlock >= blocks) {
            throw new FirmwareFormatException("ext4: inconsistent superblock (blocks per group " + blocksPerGroup
                    + ", inodes per group " + inodesPerGroup + ", inode size " + inodeSize + ", descriptor size "
                    + descSize + ")");
        }
        if (blocks > image.size() / blockSize + 1) {
            throw new FirmwareFormatException("ext4: the superblock claims " + blocks + " blocks of " + blockSize
                    + " bytes, the image has " + image.size() + " bytes");
        }
        groups = (blocks - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        descTable = (firstDataBlock + 1) * blockSize;
        if (descTable + groups * descSize > image.size()) {
            throw new FirmwareFormatException("ext4: group descriptors past the end of the image");
        }
    }

    /** Whether the bytes look like ext2/3/4 (the superblock magic). */
    static boolean matches(ImageView image) throws IOException {
        return image.size() >= SUPERBLOCK_OFFSET + 1024
                && (ByteBuffer.wrap(image.bytes(SUPERBLOCK_OFFSET + 56, 2)).order(ByteOrder.LITTLE_ENDIAN)
                .getShort() & 0xffff) == MAGIC;
    }

    static Ext4Tree open(ImageView image, CodeLimits limits) throws IOException, FirmwareFormatException {
        return new Ext4Tree(image, limits);
    }

    @Override
    public void walk(FileSink sink) throws IOException, FirmwareFormatException {
        walkDirectory(ROOT_INODE, "", 0, sink);
    }

    private void walkDirectory(long ino, String path, int depth, FileSink sink)
            throws IOException, FirmwareFormatException {
        if (depth > MAX_PATH_DEPTH) {
            throw new FirmwareFormatException("ext4: directories nested deeper than " + MAX_PATH_DEPTH + " at " + path);
        }
        if (!walkedDirectories.add(ino)) {
            throw new FirmwareFormatException("ext4: directory loop at " + path + " (inode " + ino + ")");
        }
        Inode dir = inode(ino);
        if (!dir.isDirectory()) {
            throw new FirmwareFormatException("ext4: inode " + ino + " at " + (path.isEmpty() ? "/" : path)
                    + " is not a directory");
        }
        if (dir.size > MAX_DIRECTORY_BYTES) {
            throw new FirmwareFormatException("ext4: directory " + path + " of " + dir.size + " bytes");
        }
        List<long[]> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        byte[] bytes = contents(dir).bytes(0, (int) dir.size);
        for (int block = 0; block < bytes.length; block += blockSize) {
            int end = Math.min(bytes.length, block + blockSize);
            int at = block;
            while (at + 8 <= end) {
                ByteBuffer e = ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN);
                long child = Integer.toUnsignedLong(e.getInt(at));
                int recLen = e.getShort(at + 4) & 0xffff;
                int nameLen = fileType ? bytes[at + 6] & 0xff : e.getShort(at + 6) & 0xffff;
                if (recLen < 8 || at + recLen > end) {
                    throw new FirmwareFormatException("ext4: bad directory entry in " + path + " (inode " + ino
                            + ", offset " + at + ")");
                }
                if (child != 0 && nameLen > 0 && 8 + nameLen <= recLen) {
                    String name = new String(bytes, at + 8, nameLen, StandardCharsets.UTF_8);
                    if (!name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\0') < 0) {
                        entries.add(new long[] {child});
                        names.add(name);
                    }
                }
                at += recLen;
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            if (++files > limits.maxFiles()) {
                throw new FirmwareFormatException("ext4: more than " + limits.maxFiles() + " files");
            }
            long child = entries.get(i)[0];
            if (child < 1 || child > inodes) {
                throw new FirmwareFormatException("ext4: entry " + path + "/" + names.get(i) + " names inode "
                        + child + " of " + inodes);
            }
            String childPath = path + "/" + names.get(i);
            Inode node = inode(child);
            if (node.isDirectory()) {
                walkDirectory(child, childPath, depth + 1, sink);
            } else if (node.isRegular()) {
                sink.file(childPath, node.size, () -> open(node, childPath));
            }
        }
    }

    private InputStream open(Inode node, String path) throws IOException {
        try {
            return contents(node).stream();
        } catch (FirmwareFormatException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes as a view over the image: its extents or block map, holes as zeros, cut at its size. */
    private ImageView contents(Inode node) throws IOException, FirmwareFormatException {
        List<ImageView.Segment> runs;
        if ((node.flags & FLAG_INLINE_DATA) != 0) {
            if (node.size > 60) {
                throw new FirmwareFormatException("ext4: inline data past the inode (inode " + node.ino + ")");
            }
            runs = List.of(new ImageView.Segment(node.position + 0x28, node.size));
        } else {
            List<long[]> extents = new ArrayList<>();
            long fileBlocks = (node.size + blockSize - 1) / blockSize;
            if ((node.flags & FLAG_EXTENTS) != 0) {
                // A legitimate tree has fewer nodes than the file has blocks; a hostile one whose index
                // entries all point at the same node would otherwise be walked a fan-out to the fifth power times.
                long[] nodesLeft = {fileBlocks + 8};
                extentNode(ByteBuffer.wrap(node.blockArea).order(ByteOrder.LITTLE_ENDIAN), MAX_EXTENT_DEPTH + 1,
                        extents, fileBlocks, node.ino, nodesLeft);
            } else {
                blockMap(node, fileBlocks, extents);
            }
            runs = runs(extents, node);
        }
        try {
            return image.slice(runs);
        } catch (EOFException e) {
            throw new FirmwareFormatException("ext4: inode " + node.ino + " points past the end of the image");
        }
    }

    /** Extents ({logical block, physical block, count}) sorted, checked and laid out with holes as zeros. */
    private List<ImageView.Segment> runs(List<long[]> extents, Inode node) throws FirmwareFormatException {
        extents.sort(Comparator.comparingLong(e -> e[0]));
        List<ImageView.Segment> runs = new ArrayList<>();
        long at = 0;
        long left = node.size;
        for (long[] e : extents) {
            if (left == 0) {
                break;
            }
            long start = e[0] * blockSize;
            if (start < at) {
                throw new FirmwareFormatException("ext4: overlapping extents in inode " + node.ino);
            }
            if (e[1] < 0 || e[1] + e[2] > blocks) {
                throw new FirmwareFormatException("ext4: an extent of inode " + node.ino + " points past the end ("
                        + "block " + e[1] + " + " + e[2] + " of " + blocks + ")");
            }
            if (start > at) {
                long hole = Math.min(left, start - at);
                runs.add(ImageView.Segment.zeros(hole));
                left -= hole;
                at += hole;
            }
            long n = Math.min(left, e[2] * blockSize);
            runs.add(e[3] != 0 ? ImageView.Segment.zeros(n) : new ImageView.Segment(e[1] * blockSize, n));
            left -= n;
            at += n;
        }
        if (left > 0) {
            runs.add(ImageView.Segment.zeros(left));
        }
        return runs;
    }

    private void extentNode(ByteBuffer node, int depthLeft, List<long[]> out, long fileBlocks, long ino,
                            long[] nodesLeft) throws IOException, FirmwareFormatException {
        if (--nodesLeft[0] < 0) {
            throw new FirmwareFormatException("ext4: extent tree of inode " + ino + " has more nodes than blocks");
        }
        int base = node.position();
        if ((node.getShort(base) & 0xffff) != EXTENT_MAGIC) {
            throw new FirmwareFormatException("ext4: bad extent header in inode " + ino);
        }
        int entries = node.getShort(base + 2) & 0xffff;
        int depth = node.getShort(base + 6) & 0xffff;
        if (depth >= depthLeft || 12 + entries * 12 > node.limit() - base) {
            throw new FirmwareFormatException("ext4: extent tree of inode " + ino + " too deep or overfull");
        }
        for (int i = 0; i < entries; i++) {
            int e = base + 12 + i * 12;
            long logical = Integer.toUnsignedLong(node.getInt(e));
            if (depth == 0) {
                int len = node.getShort(e + 4) & 0xffff;
                boolean unwritten = len > 32768;
                if (unwritten) {
                    len -= 32768;
                }
                long physical = (long) (node.getShort(e + 6) & 0xffff) << 32 | Integer.toUnsignedLong(node.getInt(e + 8));
                if (logical < fileBlocks) {
                    if (out.size() >= fileBlocks) {
                        throw new FirmwareFormatException("ext4: more extents than blocks in inode " + ino);
                    }
                    out.add(new long[] {logical, physical, len, unwritten ? 1 : 0});
                }
            } else {
                long child = (long) (node.getShort(e + 8) & 0xffff) << 32 | Integer.toUnsignedLong(node.getInt(e + 4));
                if (child >= blocks) {
                    throw new FirmwareFormatException("ext4: extent index of inode " + ino + " points past the end");
                }
                extentNode(buffer(child * blockSize, blockSize), depth, out, fileBlocks, ino, nodesLeft);
            }
        }
    }

    private void blockMap(Inode node, long fileBlocks, List<long[]> out) throws IOException, FirmwareFormatException {
        ByteBuffer area = ByteBuffer.wrap(node.blockArea).order(ByteOrder.LITTLE_ENDIAN);
        long[] next = {0};
        for (int i = 0; i < 12 && next[0] < fileBlocks; i++) {
            add(out, next[0]++, Integer.toUnsignedLong(area.getInt(i * 4)));
        }
        for (int level = 1; level <= 3 && next[0] < fileBlocks; level++) {
            indirect(Integer.toUnsignedLong(area.getInt((11 + level) * 4)), level, next, fileBlocks, out, node.ino);
        }
    }

    private void indirect(long block, int level, long[] next, long fileBlocks, List<long[]> out, long ino)
            throws IOException, FirmwareFormatException {
        long span = 1;
        for (int i = 0; i < level; i++) {
            span *= blockSize / 4;
        }
        if (block == 0) {
            next[0] += span;
            return;
        }
        if (block >= blocks) {
            throw new FirmwareFormatException("ext4: an indirect block of inode " + ino + " points past the end");
        }
        ByteBuffer b = buffer(block * blockSize, blockSize);
        for (int i = 0; i < blockSize / 4 && next[0] < fileBlocks; i++) {
            long child = Integer.toUnsignedLong(b.getInt(i * 4));
            if (level == 1) {
                add(out, next[0]++, child);
            } else {
                indirect(child, level - 1, next, fileBlocks, out, ino);
            }
        }
    }

    private static void add(List<long[]> out, long logical, long physical) {
        if (physical == 0) {
            return;
        }
        long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last[0] + last[2] == logical && last[1] + last[2] == physical) {
            last[2]++;
        } else {
            out.add(new long[] {logical, physical, 1, 0});
        }
    }

    private Inode inode(long ino) throws IOException, FirmwareFormatException {
        long group = (ino - 1) / inodesPerGroup;
        long index = (ino - 1) % inodesPerGroup;
        if (group >= groups) {
            throw new FirmwareFormatException("ext4: inode " + ino + " past the last group");
        }
        ByteBuffer desc = buffer(descTable + group * descSize, descSize);
        long table = Integer.toUnsignedLong(desc.getInt(8))
                | (descSize >= 64 ? Integer.toUnsignedLong(desc.getInt(0x28)) << 32 : 0);
        long position = table * blockSize + index * inodeSize;
        if (table >= blocks || position + 128 > image.size()) {
            throw new FirmwareFormatException("ext4: inode table of group " + group + " past the end");
        }
        ByteBuffer raw = buffer(position, 128);
        int mode = raw.getShort(0) & 0xffff;
        long size = Integer.toUnsignedLong(raw.getInt(4)) | Integer.toUnsignedLong(raw.getInt(0x6C)) << 32;
        if (size < 0) {
            throw new FirmwareFormatException("ext4: inode " + ino + " has a negative size");
        }
        byte[] area = new byte[60];
        raw.get(0x28, area);
        return new Inode(ino, position, mode, raw.getInt(0x20), size, area);
    }

    private ByteBuffer buffer(long position, int length) throws IOException, FirmwareFormatException {
        try {
            return ByteBuffer.wrap(image.bytes(position, length)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (EOFException e) {
            throw new FirmwareFormatException("ext4: " + e.getMessage());
        }
    }

    private record Inode(long ino, long position, int mode, int flags, long size, byte[] blockArea) {
        boolean isDirectory() {
            return (mode & 0xF000) == 0x4000;
        }

        boolean isRegular() {
            return (mode & 0xF000) == 0x8000;
        }
    }
}
