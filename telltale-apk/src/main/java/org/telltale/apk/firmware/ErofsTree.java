package org.telltale.apk.firmware;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;

import org.telltale.apk.code.CodeLimits;

/**
 * A read-only EROFS reader (the file system of most Android 13+ system images): superblock at 1024,
 * compact and extended inodes, the FLAT_PLAIN and FLAT_INLINE data layouts and directories, written by
 * hand as nothing in Java reads EROFS. Compressed files (LZ4, LZMA) and chunk-based ones are read
 * through Debian's erofs-utils ({@code fsck.erofs --extract}, run once per image, into a temporary
 * folder deleted after the walk) when installed; when not, opening such a file fails with a one-line
 * message saying what to install. Each directory is walked once and nesting is bounded.
 */
final class ErofsTree implements FileTree {
    static final int SUPERBLOCK_OFFSET = 1024;
    private static final int MAGIC = 0xE0F5E1E2;
    private static final int FLAT_PLAIN = 0;
    private static final int FLAT_INLINE = 2;
    private static final int MAX_PATH_DEPTH = 64;
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;
    private static final long EXTRACT_TIMEOUT_MINUTES = 60;

    private final ImageView image;
    private final CodeLimits limits;
    private final Path imageFile;
    private final FirmwareWalker temps;
    private final String fsck;
    private final int blockSize;
    private final long metaStart;
    private final long rootNid;
    private final Set<Long> walkedDirectories = new HashSet<>();
    private final List<Path> cleanup = new ArrayList<>();
    private Path extracted;
    private int files;

    private ErofsTree(ImageView image, CodeLimits limits, Path imageFile, FirmwareWalker temps, String fsck)
            throws IOException, FirmwareFormatException {
        this.image = image;
        this.limits = limits;
        this.imageFile = imageFile;
        this.temps = temps;
        this.fsck = fsck;
        ByteBuffer sb = buffer(SUPERBLOCK_OFFSET, 128);
        int bits = sb.get(12) & 0xff;
        if (bits < 9 || bits > 16) {
            throw new FirmwareFormatException("erofs: block size 2^" + bits + " out of range");
        }
        blockSize = 1 << bits;
        rootNid = sb.getShort(14) & 0xffff;
        metaStart = Integer.toUnsignedLong(sb.getInt(40)) * blockSize;
        if (metaStart >= image.size()) {
            throw new FirmwareFormatException("erofs: metadata area past the end of the image");
        }
    }

    static boolean matches(ImageView image) throws IOException {
        return image.size() >= SUPERBLOCK_OFFSET + 128
                && FirmwareWalker.leInt(image.bytes(SUPERBLOCK_OFFSET, 4), 0) == MAGIC;
    }

    /**
     * @param imageFile the file the view is the whole of, or null (then a copy is made for fsck.erofs if needed)
     * @param temps     where temporary files and folders come from
     * @param fsck      the fsck.erofs command that extracts compressed files
     */
    static ErofsTree open(ImageView image, CodeLimits limits, Path imageFile, FirmwareWalker temps, String fsck)
            throws IOException, FirmwareFormatException {
        return new ErofsTree(image, limits, imageFile, temps, fsck);
    }

    @Override
    public void walk(FileSink sink) throws IOException, FirmwareFormatException {
        try {
            walkDirectory(rootNid, "", 0, sink);
        } finally {
            for (Path p : cleanup) {
                if (Files.exists(p)) {
                    MoreFiles.deleteRecursively(p, RecursiveDeleteOption.ALLOW_INSECURE);
                }
            }
        }
    }

    private void walkDirectory(long nid, String path, int depth, FileSink sink)
            throws IOException, FirmwareFormatException {
        if (depth > MAX_PATH_DEPTH) {
            throw new FirmwareFormatException("erofs: directories nested deeper than " + MAX_PATH_DEPTH + " at " + path);
        }
        if (!walkedDirectories.add(nid)) {
            throw new FirmwareFormatException("erofs: directory loop at " + path + " (nid " + nid + ")");
        }
        Inode dir = inode(nid);
        if (!dir.isDirectory() || dir.size > MAX_DIRECTORY_BYTES || !dir.flat()) {
            throw new FirmwareFormatException("erofs: nid " + nid + " at " + (path.isEmpty() ? "/" : path)
                    + " is not a readable directory");
        }
        byte[] bytes = flatContents(dir).bytes(0, (int) dir.size);
        List<Long> nids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int block = 0; block < bytes.length; block += blockSize) {
            int end = Math.min(bytes.length, block + blockSize);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int first = b.getShort(block + 8) & 0xffff;
            int count = first / 12;
            if (first < 12 || first % 12 != 0 || block + first > end) {
                throw new FirmwareFormatException("erofs: bad directory block in " + path + " (nid " + nid + ")");
            }
            for (int i = 0; i < count; i++) {
                int d = block + i * 12;
                int from = block + (b.getShort(d + 8) & 0xffff);
                int to = i + 1 < count ? block + (b.getShort(d + 12 + 8) & 0xffff) : end;
                if (from < block + first || to < from || to > end) {
                    throw new FirmwareFormatException("erofs: bad directory entry in " + path + " (nid " + nid + ")");
                }
                int len = 0;
                while (from + len < to && bytes[from + len] != 0) {
                    len++;
                }
                String name = new String(bytes, from, len, StandardCharsets.UTF_8);
                if (len > 0 && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0) {
                    nids.add(b.getLong(d));
                    names.add(name);
                }
            }
        }
        for (int i = 0; i < nids.size(); i++) {
            if (++files > limits.maxFiles()) {
                throw new FirmwareFormatException("erofs: more than " + limits.maxFiles() + " files");
            }
            String childPath = path + "/" + names.get(i);
            Inode node = inode(nids.get(i));
            if (node.isDirectory()) {
                walkDirectory(node.nid, childPath, depth + 1, sink);
            } else if (node.isRegular()) {
                if (node.flat()) {
                    ImageView contents = flatContents(node);
                    sink.file(childPath, node.size, contents::stream);
                } else {
                    sink.file(childPath, node.size, () -> extracted(childPath, node.size));
                }
            }
        }
    }

    /** A compressed file, from the image extracted once by fsck.erofs. */
    private InputStream extracted(String path, long size) throws IOException {
        if (extracted == null) {
            extracted = extractAll();
        }
        Path file = extracted.resolve(path.substring(1)).normalize();
        if (!file.startsWith(extracted) || !Files.isRegularFile(file) || Files.size(file) != size) {
            throw new IOException("erofs: " + path + " is not as fsck.erofs extracted it");
        }
        return Files.newInputStream(file);
    }

    private Path extractAll() throws IOException {
        Path file = imageFile;
        if (file == null) {
            file = temps.temp();
            cleanup.add(file);
            try (InputStream in = image.stream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path dir = temps.temp();
        Files.delete(dir);
        cleanup.add(dir);
        Path log = temps.temp();
        cleanup.add(log);
        Process p;
        try {
            p = new ProcessBuilder(fsck, "--extract=" + dir, "--no-preserve", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("erofs: compressed files need fsck.erofs from erofs-utils, which is not installed");
        }
        try {
            if (!p.waitFor(EXTRACT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("erofs: fsck.erofs did not finish in " + EXTRACT_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("erofs: interrupted while fsck.erofs extracted the image");
        }
        if (p.exitValue() != 0) {
            String out = Files.readString(log).strip().replace('\n', ' ');
            throw new IOException("erofs: fsck.erofs failed (exit " + p.exitValue() + "): "
                    + out.substring(0, Math.min(200, out.length())));
        }
        return dir;
    }

    /** An uncompressed file's bytes: whole blocks from its block address, and for FLAT_INLINE a tail after the inode. */
    private ImageView flatContents(Inode node) throws IOException, FirmwareFormatException {
        List<ImageView.Segment> runs = new ArrayList<>();
        if (node.layout == FLAT_PLAIN) {
            runs.add(node.rawBlock == 0xFFFFFFFFL ? ImageView.Segment.zeros(node.size)
                    : new ImageView.Segment(node.rawBlock * blockSize, node.size));
        } else {
            long blocks = (node.size + blockSize - 1) / blockSize;
            long plain = Math.max(0, blocks - 1) * blockSize;
            if (plain > 0) {
                runs.add(new ImageView.Segment(node.rawBlock * blockSize, plain));
            }
            runs.add(new ImageView.Segment(node.position + node.inodeSize + node.xattrSize, node.size - plain));
        }
        try {
            return image.slice(runs);
        } catch (EOFException e) {
            throw new FirmwareFormatException("erofs: nid " + node.nid + " points past the end of the image");
        }
    }

    private Inode inode(long nid) throws IOException, FirmwareFormatException {
        if (nid < 0 || nid > (image.size() - metaStart) / 32) {
            throw new FirmwareFormatException("erofs: nid " + nid + " past the end of the image");
        }
        long position = metaStart + nid * 32;
        ByteBuffer head = buffer(position, 32);
        int format = head.getShort(0) & 0xffff;
        int xattrCount = head.getShort(2) & 0xffff;
        int mode = head.getShort(4) & 0xffff;
        boolean extended = (format & 1) != 0;
        int layout = (format >> 1) & 7;
        long size;
        long rawBlock;
        int inodeSize;
        if (extended) {
            ByteBuffer full = buffer(position, 64);
            size = full.getLong(8);
            rawBlock = Integer.toUnsignedLong(full.getInt(16));
            inodeSize = 64;
        } else {
            size = Integer.toUnsignedLong(head.getInt(8));
            rawBlock = Integer.toUnsignedLong(head.getInt(16));
            inodeSize = 32;
        }
        if (size < 0 || size > image.size() * (long) limits.maxRatio()) {
            throw new FirmwareFormatException("erofs: nid " + nid + " claims " + size + " bytes");
        }
        int xattrSize = xattrCount == 0 ? 0 : 12 + (xattrCount - 1) * 4;
        return new Inode(nid, position, mode, layout, size, rawBlock, inodeSize, xattrSize);
    }

    private ByteBuffer buffer(long position, int length) throws IOException, FirmwareFormatException {
        try {
            return ByteBuffer.wrap(image.bytes(position, length)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (EOFException e) {
            throw new FirmwareFormatException("erofs: " + e.getMessage());
        }
    }


    private record Inode(long nid, long position, int mode, int layout, long size, long rawBlock, int inodeSize,
                         int xattrSize) {
        boolean isDirectory() {
            return (mode & 0xF000) == 0x4000;
        }

        boolean isRegular() {
            return (mode & 0xF000) == 0x8000;
        }

        boolean flat() {
            return layout == FLAT_PLAIN || layout == FLAT_INLINE;
        }
    }
}
