package org.telltale.apk.firmware;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Android's sparse image format (libsparse: magic 0xed26ff3a, chunks RAW, FILL, DONT_CARE and CRC32),
 * expanded into a raw image file read once from start to end. DONT_CARE and zero FILL chunks are left as
 * holes of the output file, so expanding a mostly empty 4 GB image writes only what it holds. The header's
 * size is checked against the limit before anything is written, and every chunk against the header.
 */
final class SparseImage {
    static final int MAGIC = 0xed26ff3a;
    private static final int RAW = 0xCAC1;
    private static final int FILL = 0xCAC2;
    private static final int DONT_CARE = 0xCAC3;
    private static final int CRC32 = 0xCAC4;

    private SparseImage() {
    }

    /** Whether the first bytes are a sparse image header. */
    static boolean matches(byte[] head) {
        return head.length >= 4 && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == MAGIC;
    }

    /**
     * Writes the raw image the sparse stream describes into {@code out} (from position 0) and returns its size.
     *
     * @param maxBytes     the largest raw image accepted
     * @param maxFillBytes the most bytes FILL chunks of a non-zero value may write (a few bytes of FILL chunk
     *                     could otherwise fill the disk)
     */
    static long expand(InputStream in, PartitionFile out, long maxBytes, long maxFillBytes)
            throws IOException, FirmwareFormatException {
        DataInputStream data = new DataInputStream(in);
        ByteBuffer header = read(data, 28, "header");
        if (header.getInt(0) != MAGIC) {
            throw new FirmwareFormatException("sparse: no magic");
        }
        int major = header.getShort(4) & 0xffff;
        int fileHeader = header.getShort(8) & 0xffff;
        int chunkHeader = header.getShort(10) & 0xffff;
        long blockSize = Integer.toUnsignedLong(header.getInt(12));
        long totalBlocks = Integer.toUnsignedLong(header.getInt(16));
        long chunks = Integer.toUnsignedLong(header.getInt(20));
        if (major != 1 || fileHeader < 28 || chunkHeader < 12 || fileHeader > 4096 || chunkHeader > 4096
                || blockSize == 0 || blockSize % 4 != 0 || blockSize > 1 << 24) {
            throw new FirmwareFormatException("sparse: bad header (version " + major + ", block size " + blockSize + ")");
        }
        long size = totalBlocks * blockSize;
        if (size > maxBytes) {
            throw new FirmwareFormatException("sparse: image of " + size + " bytes is larger than the limit of "
                    + maxBytes);
        }
        try {
            data.skipNBytes(fileHeader - 28);
            chunks(data, out, chunkHeader, blockSize, totalBlocks, chunks, maxFillBytes);
        } catch (EOFException e) {
            throw new FirmwareFormatException("sparse: truncated image");
        }
        out.extendTo(size);
        return size;
    }

    private static void chunks(DataInputStream data, PartitionFile out, int chunkHeader, long blockSize,
                               long totalBlocks, long chunks, long maxFillBytes)
            throws IOException, FirmwareFormatException {
        long block = 0;
        long filled = 0;
        for (long c = 0; c < chunks; c++) {
            ByteBuffer ch = read(data, 12, "chunk " + c + " header");
            data.skipNBytes(chunkHeader - 12);
            int type = ch.getShort(0) & 0xffff;
            long count = Integer.toUnsignedLong(ch.getInt(4));
            long payload = Integer.toUnsignedLong(ch.getInt(8)) - chunkHeader;
            if (type != CRC32 && count > totalBlocks - block) {
                throw new FirmwareFormatException("sparse: chunk " + c + " writes past the declared size of "
                        + totalBlocks + " blocks");
            }
            long bytes = count * blockSize;
            switch (type) {
                case RAW -> {
                    if (payload != bytes) {
                        throw new FirmwareFormatException("sparse: raw chunk " + c + " carries " + payload
                                + " bytes for " + bytes);
                    }
                    if (!out.copy(data, block * blockSize, bytes)) {
                        throw new FirmwareFormatException("sparse: truncated in chunk " + c);
                    }
                }
                case FILL -> {
                    if (payload != 4) {
                        throw new FirmwareFormatException("sparse: fill chunk " + c + " of " + payload + " bytes");
                    }
                    byte[] value = data.readNBytes(4);
                    if (value.length < 4) {
                        throw new FirmwareFormatException("sparse: truncated in chunk " + c);
                    }
                    if ((value[0] | value[1] | value[2] | value[3]) != 0) {
                        filled += bytes;
                        if (filled > maxFillBytes) {
                            throw new FirmwareFormatException("sparse: fill chunks write more than " + maxFillBytes
                                    + " bytes, past the inflation ratio");
                        }
                        out.fill(value, block * blockSize, bytes);
                    }
                }
                case DONT_CARE -> {
                    if (payload != 0) {
                        throw new FirmwareFormatException("sparse: don't-care chunk " + c + " carries data");
                    }
                }
                case CRC32 -> {
                    if (payload != 4 || count != 0) {
                        throw new FirmwareFormatException("sparse: crc32 chunk " + c + " of " + payload + " bytes");
                    }
                    data.skipNBytes(4);
                }
                default -> throw new FirmwareFormatException("sparse: unknown chunk type 0x"
                        + Integer.toHexString(type) + " in chunk " + c);
            }
            block += count;
        }
        if (block != totalBlocks) {
            throw new FirmwareFormatException("sparse: chunks cover " + block + " of the declared " + totalBlocks
                    + " blocks");
        }
    }

    private static ByteBuffer read(DataInputStream in, int n, String what) throws IOException, FirmwareFormatException {
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new FirmwareFormatException("sparse: truncated in the " + what);
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
