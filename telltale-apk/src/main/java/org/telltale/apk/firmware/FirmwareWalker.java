package org.telltale.apk.firmware;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.brotli.dec.BrotliInputStream;
import org.telltale.apk.code.CodeLimits;

/**
 * Walks a firmware image and hands each file of interest to a visitor, streaming: an image is never held
 * in memory; a partition that must be unpacked (sparse, payload.bin, system.new.dat) goes to a temporary
 * file in the caller's folder, deleted as soon as its partition is walked. Reads OTA zips (full
 * payload.bin OTAs and system.new.dat(.br) with transfer lists, or zips of images), payload.bin,
 * sparse images, super.img (dynamic partitions), ext4 and EROFS, nested as real images nest them.
 *
 * <p>A file is handed over when its device path is under an app folder ({@code /system/app},
 * {@code /system/priv-app}, and {@code app}, {@code priv-app} and {@code overlay} of {@code /product},
 * {@code /system_ext}, {@code /vendor}), or when it can carry code ({@code .apk}, {@code .jar},
 * {@code .vdex}, {@code .odex}, {@code .dex}, {@code .so}) anywhere: so an APK whose classes were moved to
 * {@code oat/<arch>/NAME.vdex} arrives with that file, and the caller pairs them by folder.
 */
public final class FirmwareWalker {
    /** The largest partition unpacked or read, by default: larger than any real phone partition. */
    public static final long DEFAULT_MAX_PARTITION_BYTES = 32L << 30;
    private static final int HEAD = 4096 + 8;
    /** FILL chunks of a non-zero value may always write this much, whatever the sparse image's size. */
    private static final long MIN_FILL_BYTES = 64L << 20;

    private final CodeLimits limits;
    private final Path tempDir;
    private final FirmwareProgress progress;
    private final long maxPartitionBytes;
    private String fsckErofs = "fsck.erofs";
    private String announced;
    private int files;

    public FirmwareWalker(CodeLimits limits, Path tempDir, FirmwareProgress progress) {
        this(limits, tempDir, progress, DEFAULT_MAX_PARTITION_BYTES);
    }

    /** With a bound on the size of one partition's image other than {@link #DEFAULT_MAX_PARTITION_BYTES}. */
    public FirmwareWalker(CodeLimits limits, Path tempDir, FirmwareProgress progress, long maxPartitionBytes) {
        this.limits = limits;
        this.tempDir = tempDir;
        this.progress = progress;
        this.maxPartitionBytes = maxPartitionBytes;
    }

    /**
     * Walks an image (OTA zip, payload.bin, sparse, raw ext4, EROFS, super.img, system.new.dat(.br) with its
     * system.transfer.list beside it) and calls the visitor for every regular file of interest (see the
     * class comment).
     */
    public void walk(Path image, FirmwareVisitor visitor) throws IOException, FirmwareFormatException {
        files = 0;
        announced = null;
        try {
            walkImage(image, visitor);
        } catch (IOException e) {
            // A limit met inside a stream (a zip bomb, too many files) travels as the cause of an IOException.
            if (e.getCause() instanceof FirmwareFormatException f) {
                throw f;
            }
            throw e;
        }
    }

    private void walkImage(Path image, FirmwareVisitor visitor) throws IOException, FirmwareFormatException {
        String fileName = image.getFileName().toString();
        if (TransferList.isNewData(fileName)) {
            Path list = TransferList.listBeside(image);
            try (InputStream data = Files.newInputStream(image); InputStream text = Files.newInputStream(list)) {
                newData(FirmwarePaths.partitionName(fileName), data, fileName.endsWith(".br"), text, visitor, 0);
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            ImageView view = ImageView.of(channel);
            byte[] head = view.bytes(0, (int) Math.min(HEAD, view.size()));
            if (OtaZip.matches(head)) {
                new OtaZip(this, limits, maxPartitionBytes).walk(image, visitor);
                return;
            }
            image(FirmwarePaths.imagePartition(fileName), view, image, visitor, true, 0);
        }
    }

    /**
     * Reads one partition's bytes, whatever they hold: unpacks a sparse image or a payload, splits a
     * super.img, walks a file system; bytes of no known kind are an error at the top and skipped inside a
     * container (a boot or vbmeta partition).
     *
     * @param file the file the view is the whole of, or null when it is part of one
     */
    void image(String partition, ImageView view, Path file, FirmwareVisitor visitor, boolean top, int depth)
            throws IOException, FirmwareFormatException {
        if (depth > limits.maxDepth()) {
            throw new FirmwareFormatException("containers nested deeper than " + limits.maxDepth() + " in "
                    + partition);
        }
        byte[] head = view.bytes(0, (int) Math.min(HEAD, view.size()));
        if (SparseImage.matches(head)) {
            Path raw = temp();
            try (FileChannel channel = FileChannel.open(raw, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                announce(partition, view.size());
                PartitionFile out = new PartitionFile(channel, progress);
                long maxFill = Math.max(MIN_FILL_BYTES, view.size() * limits.maxRatio());
                SparseImage.expand(new BufferedInputStream(view.stream(), 1 << 16), out, maxPartitionBytes, maxFill);
                image(partition, out.view(), raw, visitor, top, depth + 1);
            } finally {
                Files.deleteIfExists(raw);
            }
        } else if (Payload.matches(head)) {
            new Payload(this, maxPartitionBytes).walk(view, visitor, depth + 1);
        } else if (SuperImage.matches(view)) {
            for (SuperImage.Partition p : SuperImage.partitions(view)) {
                image(FirmwarePaths.partitionName(p.name()), p.view(), null, visitor, false, depth + 1);
            }
        } else if (Ext4Tree.matches(view)) {
            tree(partition, view, Ext4Tree.open(view, limits), visitor);
        } else if (ErofsTree.matches(view)) {
            tree(partition, view, ErofsTree.open(view, limits, file, this, fsckErofs), visitor);
        } else if (top) {
            throw new FirmwareFormatException("not a firmware image (no OTA zip, payload.bin, sparse, super, ext4 "
                    + "or EROFS magic)");
        }
        finish(partition);
    }

    /** Unpacks system.new.dat(.br) by its transfer list into a temporary raw image, then reads that. */
    void newData(String partition, InputStream data, boolean brotli, InputStream transferList,
                 FirmwareVisitor visitor, int depth) throws IOException, FirmwareFormatException {
        TransferList list = TransferList.parse(transferList, maxPartitionBytes);
        Path raw = temp();
        try (FileChannel channel = FileChannel.open(raw, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            announce(partition, list.sizeBytes());
            PartitionFile out = new PartitionFile(channel, progress);
            list.apply(brotli ? new BrotliInputStream(data) : data, out);
            image(partition, out.view(), raw, visitor, false, depth + 1);
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    private void tree(String partition, ImageView view, FileTree tree, FirmwareVisitor visitor)
            throws IOException, FirmwareFormatException {
        boolean fresh = announced == null;
        announce(partition, view.size());
        tree.walk((path, size, open) -> {
            String device = FirmwarePaths.devicePath(partition, path);
            if (FirmwarePaths.wanted(device)) {
                if (++files > limits.maxFiles()) {
                    throw new IOException(new FirmwareFormatException("more than " + limits.maxFiles()
                            + " files of interest"));
                }
                visitor.file(partition, device, size, open);
            }
        });
        if (fresh) {
            progress.advanced(view.size());
        }
    }

    void announce(String partition, long totalBytes) {
        if (announced == null) {
            announced = partition;
            progress.partition(partition, totalBytes);
        }
    }

    private void finish(String partition) {
        if (partition.equals(announced)) {
            announced = null;
            progress.done(partition);
        }
    }

    /** Another command than {@code fsck.erofs} for compressed EROFS files (a test shows the message when it is missing). */
    FirmwareWalker fsckErofs(String command) {
        this.fsckErofs = command;
        return this;
    }

    FirmwareProgress progress() {
        return progress;
    }

    /** A new empty temporary file in the caller's folder; the caller deletes it. */
    Path temp() throws IOException {
        Files.createDirectories(tempDir);
        return Files.createTempFile(tempDir, "telltale-fw-", ".img");
    }

    static int leInt(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    static boolean startsWith(byte[] head, String ascii) {
        byte[] m = ascii.getBytes(StandardCharsets.US_ASCII);
        return head.length >= m.length && Arrays.equals(head, 0, m.length, m, 0, m.length);
    }
}
