package org.telltale.apk.firmware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.CodedOutputStream;

/**
 * Writes a full OTA's payload.bin (format version 2) from raw partition images, for tests: Debian has no
 * tool that makes one (update_engine's delta_generator is not packaged). The manifest is written with
 * protobuf-java's own wire-format writer by the field numbers of update_metadata.proto; the data of each
 * 1 MiB chunk is compressed by the real libraries of each format in turn (REPLACE, REPLACE_BZ, REPLACE_XZ,
 * ZSTD), and chunks of zeros become ZERO or DISCARD operations without data.
 */
final class PayloadWriter {
    static final int REPLACE = 0;
    static final int REPLACE_BZ = 1;
    static final int SOURCE_COPY = 4;
    static final int ZERO = 6;
    static final int DISCARD = 7;
    static final int REPLACE_XZ = 8;
    static final int ZSTD = 14;
    private static final int BLOCK = 4096;
    private static final int CHUNK_BLOCKS = 256;
    private static final int[] DATA_TYPES = {REPLACE, REPLACE_BZ, REPLACE_XZ, ZSTD};

    /** A partition to write: its name and raw image. */
    record Partition(String name, Path image) {
    }

    private PayloadWriter() {
    }

    static void write(Path out, List<Partition> partitions) throws IOException {
        write(out, partitions, -1);
    }

    /** @param extraOperation an operation type added to the first partition without data (a delta's), or -1 */
    static void write(Path out, List<Partition> partitions, int extraOperation) throws IOException {
        write(out, partitions, extraOperation, DATA_TYPES);
    }

    /** @param dataTypes the operation types the chunks holding data take in turn */
    static void write(Path out, List<Partition> partitions, int extraOperation, int[] dataTypes) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        CodedOutputStream m = CodedOutputStream.newInstance(manifest);
        m.writeUInt32(3, BLOCK);
        m.writeUInt32(12, 0);
        int turn = 0;
        for (Partition p : partitions) {
            byte[] image = Files.readAllBytes(p.image());
            if (image.length % BLOCK != 0) {
                throw new IllegalArgumentException(p.image() + " is not a whole number of blocks");
            }
            List<byte[]> ops = new ArrayList<>();
            for (int block = 0; block < image.length / BLOCK; block += CHUNK_BLOCKS) {
                int blocks = Math.min(CHUNK_BLOCKS, image.length / BLOCK - block);
                byte[] chunk = Arrays.copyOfRange(image, block * BLOCK, (block + blocks) * BLOCK);
                if (allZero(chunk)) {
                    ops.add(operation(turn++ % 2 == 0 ? ZERO : DISCARD, -1, 0, block, blocks));
                } else {
                    int type = dataTypes[turn++ % dataTypes.length];
                    byte[] blob = compress(type, chunk);
                    ops.add(operation(type, data.size(), blob.length, block, blocks));
                    data.write(blob);
                }
            }
            if (extraOperation >= 0 && p == partitions.get(0)) {
                ops.add(operation(extraOperation, -1, 0, 0, 1));
            }
            m.writeByteArray(13, partitionUpdate(p.name(), image.length, ops));
        }
        m.flush();
        try (OutputStream o = Files.newOutputStream(out)) {
            ByteBuffer header = ByteBuffer.allocate(24);
            header.put("CrAU".getBytes()).putLong(2).putLong(manifest.size()).putInt(0);
            o.write(header.array());
            manifest.writeTo(o);
            data.writeTo(o);
        }
    }

    private static byte[] partitionUpdate(String name, long size, List<byte[]> ops) throws IOException {
        return message(c -> {
            c.writeString(1, name);
            c.writeByteArray(7, message(info -> info.writeUInt64(1, size)));
            for (byte[] op : ops) {
                c.writeByteArray(8, op);
            }
        });
    }

    private static byte[] operation(int type, long offset, long length, long startBlock, long blocks) throws IOException {
        return message(c -> {
            c.writeEnum(1, type);
            if (offset >= 0) {
                c.writeUInt64(2, offset);
                c.writeUInt64(3, length);
            }
            c.writeByteArray(6, message(e -> {
                e.writeUInt64(1, startBlock);
                e.writeUInt64(2, blocks);
            }));
        });
    }

    private interface Body {
        void write(CodedOutputStream c) throws IOException;
    }

    private static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(bytes);
        body.write(c);
        c.flush();
        return bytes.toByteArray();
    }

    private static byte[] compress(int type, byte[] chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (type) {
            case REPLACE -> out.write(chunk);
            case REPLACE_BZ -> {
                try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
                    bz.write(chunk);
                }
            }
            case REPLACE_XZ -> {
                try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1))) {
                    xz.write(chunk);
                }
            }
            case ZSTD -> out.write(Zstd.compress(chunk, 3));
            default -> throw new IllegalArgumentException("type " + type);
        }
        return out.toByteArray();
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
