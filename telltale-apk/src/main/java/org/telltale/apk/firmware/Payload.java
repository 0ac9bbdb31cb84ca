package org.telltale.apk.firmware;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

import com.github.luben.zstd.ZstdInputStream;

/**
 * A full OTA's payload.bin (update_engine, format version 2: "CrAU", manifest, signature, data blobs):
 * each partition is rebuilt into a temporary file by its REPLACE, REPLACE_BZ, REPLACE_XZ, ZSTD, ZERO and
 * DISCARD operations, then read as the file system it holds. Operations that patch an older image
 * (SOURCE_COPY, BSDIFF, PUFFDIFF and the rest) belong to delta OTAs, which need the previous build and
 * are refused. Every destination extent is checked against the partition's declared size, so a
 * decompressor never writes more than the partition holds (zip bombs stop there), and an XZ stream may
 * not ask for more than a 64 MiB dictionary.
 */
final class Payload {
    private static final int REPLACE = 0;
    private static final int REPLACE_BZ = 1;
    private static final int ZERO = 6;
    private static final int DISCARD = 7;
    private static final int REPLACE_XZ = 8;
    private static final int ZSTD = 14;
    private static final long MAX_MANIFEST = 64L << 20;
    /** The most memory one XZ stream may ask for: enough for preset 9 (a 64 MiB dictionary), no more. */
    private static final int XZ_MEMORY_KIB = 72 * 1024;
    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final FirmwareWalker walker;
    private final long maxPartitionBytes;

    Payload(FirmwareWalker walker, long maxPartitionBytes) {
        this.walker = walker;
        this.maxPartitionBytes = maxPartitionBytes;
    }

    static boolean matches(byte[] head) {
        return FirmwareWalker.startsWith(head, "CrAU");
    }

    record Operation(int type, long dataOffset, long dataLength, List<long[]> dst) {
    }

    record Partition(String name, long size, List<Operation> operations) {
    }

    void walk(ImageView payload, FirmwareVisitor visitor, int depth) throws IOException, FirmwareFormatException {
        if (payload.size() < 24) {
            throw new FirmwareFormatException("payload: truncated header");
        }
        ByteBuffer h = ByteBuffer.wrap(payload.bytes(0, 24));
        long version = h.getLong(4);
        long manifestSize = h.getLong(12);
        if (version != 2) {
            throw new FirmwareFormatException("payload: version " + version + ", only version 2 is read");
        }
        long signatureSize = Integer.toUnsignedLong(h.getInt(20));
        if (manifestSize < 0 || manifestSize > MAX_MANIFEST || 24 + manifestSize + signatureSize > payload.size()) {
            throw new FirmwareFormatException("payload: manifest of " + manifestSize + " bytes past the end");
        }
        byte[] manifest = payload.bytes(24, (int) manifestSize);
        long dataStart = 24 + manifestSize + signatureSize;
        int blockSize = 4096;
        List<Partition> partitions = new ArrayList<>();
        ProtoReader m = new ProtoReader(manifest, 0, manifest.length);
        while (m.next()) {
            switch (m.field()) {
                case 3 -> blockSize = (int) Math.min(1 << 20, Math.max(512, m.uint()));
                case 13 -> partitions.add(partition(m.message()));
                default -> m.skip();
            }
        }
        for (Partition p : partitions) {
            if (!FirmwarePaths.holdsNoFiles(FirmwarePaths.partitionName(p.name()))) {
                rebuild(p, payload, dataStart, blockSize, visitor, depth);
            }
        }
    }

    private void rebuild(Partition p, ImageView payload, long dataStart, int blockSize, FirmwareVisitor visitor,
                         int depth) throws IOException, FirmwareFormatException {
        if (p.size() < 0 || p.size() > maxPartitionBytes) {
            throw new FirmwareFormatException("payload: partition " + p.name() + " of " + p.size()
                    + " bytes is larger than the limit of " + maxPartitionBytes);
        }
        String name = FirmwarePaths.partitionName(p.name());
        Path raw = walker.temp();
        try (FileChannel channel = FileChannel.open(raw, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            walker.announce(name, p.size());
            unpack(p, payload, dataStart, blockSize, channel);
            PartitionFile out = new PartitionFile(channel, FirmwareProgress.NONE);
            out.extendTo(p.size());
            walker.image(name, out.view(), raw, visitor, false, depth);
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /**
     * Runs the partition's operations, the decompressing ones on several threads: BZip2 and XZ decode at
     * 5 to 20 MB/s on one core, and operations write disjoint extents of the file, through positional writes.
     * At most two operations per thread wait, so memory stays bounded whatever the partition's size.
     */
    private void unpack(Partition p, ImageView payload, long dataStart, int blockSize, FileChannel channel)
            throws IOException, FirmwareFormatException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "telltale-payload");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Long>> inFlight = new ArrayDeque<>();
        try {
            for (Operation op : p.operations()) {
                Callable<Long> task = task(op, p, payload, dataStart, blockSize, channel);
                if (task == null) {
                    continue;
                }
                inFlight.add(pool.submit(task));
                while (inFlight.size() >= 2 * THREADS) {
                    walker.progress().advanced(result(inFlight.poll(), p));
                }
            }
            while (!inFlight.isEmpty()) {
                walker.progress().advanced(result(inFlight.poll(), p));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long result(Future<Long> future, Partition p) throws IOException, FirmwareFormatException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while unpacking " + p.name());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FirmwareFormatException f) {
                throw f;
            }
            if (cause.getCause() instanceof FirmwareFormatException f) {
                throw f;
            }
            throw new FirmwareFormatException("payload: cannot unpack an operation on " + p.name() + ": "
                    + cause.getMessage());
        }
    }

    /** The work of one operation, checked first; null when there is none (ZERO, DISCARD). */
    private static Callable<Long> task(Operation op, Partition p, ImageView payload, long dataStart, int blockSize,
                                       FileChannel channel) throws IOException, FirmwareFormatException {
        long total = 0;
        for (long[] e : op.dst()) {
            if (e[0] < 0 || e[1] < 0 || e[1] > p.size() / blockSize || e[0] > p.size() / blockSize - e[1]) {
                throw new FirmwareFormatException("payload: an extent of " + p.name() + " lies past its size of "
                        + p.size() + " bytes");
            }
            total += e[1] * blockSize;
        }
        switch (op.type()) {
            case ZERO, DISCARD -> {
                // The temporary file is all zeros already.
                return null;
            }
            case REPLACE, REPLACE_BZ, REPLACE_XZ, ZSTD -> {
                if (op.dataOffset() < 0 || op.dataLength() < 0 || op.dataOffset() > payload.size() - dataStart
                        || op.dataLength() > payload.size() - dataStart - op.dataOffset()) {
                    throw new FirmwareFormatException("payload: data of an operation on " + p.name()
                            + " lies past the end of payload.bin");
                }
                if (op.type() == REPLACE && op.dataLength() != total) {
                    throw new FirmwareFormatException("payload: REPLACE of " + op.dataLength() + " bytes for "
                            + total + " bytes of extents in " + p.name());
                }
                ImageView blob = payload.slice(List.of(new ImageView.Segment(dataStart + op.dataOffset(),
                        op.dataLength())));
                long bytes = total;
                return () -> {
                    // Decompressors read a few bytes at a time; each read of the view is a system call.
                    try (InputStream in = decoder(op.type(), new BufferedInputStream(blob.stream(), 1 << 16))) {
                        write(in, op.dst(), blockSize, new PartitionFile(channel, FirmwareProgress.NONE), p.name());
                    }
                    return bytes;
                };
            }
            default -> throw new FirmwareFormatException("payload: operation type " + op.type() + " in "
                    + p.name() + ": delta OTA, not supported");
        }
    }

    private static InputStream decoder(int type, InputStream in) throws IOException {
        return switch (type) {
            case REPLACE_BZ -> new BZip2CompressorInputStream(in);
            case REPLACE_XZ -> new XZInputStream(in, XZ_MEMORY_KIB);
            case ZSTD -> new ZstdInputStream(in);
            default -> in;
        };
    }

    /** Fills the extents in order from the stream; reads no more than they hold. */
    private static void write(InputStream in, List<long[]> extents, int blockSize, PartitionFile out, String name)
            throws IOException {
        for (long[] e : extents) {
            if (!out.copy(in, e[0] * blockSize, e[1] * blockSize)) {
                throw new IOException(new FirmwareFormatException("payload: data of an operation on " + name
                        + " ends before its extents"));
            }
        }
    }

    private static Partition partition(ProtoReader r) throws FirmwareFormatException {
        String name = "";
        long size = 0;
        List<Operation> ops = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 7 -> {
                    ProtoReader info = r.message();
                    while (info.next()) {
                        if (info.field() == 1) {
                            size = info.uint();
                        } else {
                            info.skip();
                        }
                    }
                }
                case 8 -> ops.add(operation(r.message()));
                default -> r.skip();
            }
        }
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new FirmwareFormatException("payload: a partition without a usable name");
        }
        return new Partition(name, size, ops);
    }

    private static Operation operation(ProtoReader r) throws FirmwareFormatException {
        int type = -1;
        long offset = 0;
        long length = 0;
        List<long[]> dst = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = (int) Math.min(Integer.MAX_VALUE, r.uint());
                case 2 -> offset = r.uint();
                case 3 -> length = r.uint();
                case 6 -> {
                    ProtoReader e = r.message();
                    long start = 0;
                    long blocks = 0;
                    while (e.next()) {
                        switch (e.field()) {
                            case 1 -> start = e.uint();
                            case 2 -> blocks = e.uint();
                            default -> e.skip();
                        }
                    }
                    dst.add(new long[] {start, blocks});
                }
                default -> r.skip();
            }
        }
        return new Operation(type, offset, length, dst);
    }
}
