package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A block-based OTA's {@code NAME.transfer.list} (versions 1 to 4), which says where each block of
 * {@code NAME.new.dat} goes in the partition: {@code new} ranges are filled from the data stream in order,
 * {@code zero} and {@code erase} ranges stay zeros. The other commands (move, bsdiff, imgdiff, stash,
 * free) patch the previous build: delta OTAs, refused. Ranges are checked against the declared block
 * count, so the data stream is never read further than the partition holds.
 */
final class TransferList {
    static final int BLOCK = 4096;
    private static final int MAX_LIST_BYTES = 64 << 20;

    private final long blocks;
    private final List<long[]> newRanges;

    private TransferList(long blocks, List<long[]> newRanges) {
        this.blocks = blocks;
        this.newRanges = newRanges;
    }

    static boolean isNewData(String fileName) {
        return fileName.endsWith(".new.dat") || fileName.endsWith(".new.dat.br");
    }

    /** {@code system.transfer.list} beside {@code system.new.dat(.br)}. */
    static Path listBeside(Path newData) throws FirmwareFormatException {
        String name = newData.getFileName().toString();
        String stem = name.substring(0, name.indexOf(".new.dat"));
        Path list = newData.resolveSibling(stem + ".transfer.list");
        if (!Files.isRegularFile(list)) {
            throw new FirmwareFormatException(name + ": no " + stem + ".transfer.list beside it");
        }
        return list;
    }

    long sizeBytes() {
        return blocks * BLOCK;
    }

    static TransferList parse(InputStream in, long maxBytes) throws IOException, FirmwareFormatException {
        byte[] raw = in.readNBytes(MAX_LIST_BYTES + 1);
        if (raw.length > MAX_LIST_BYTES) {
            throw new FirmwareFormatException("transfer list: longer than " + MAX_LIST_BYTES + " bytes");
        }
        String[] lines = new String(raw, StandardCharsets.US_ASCII).split("\n");
        if (lines.length < 2) {
            throw new FirmwareFormatException("transfer list: no version and block count");
        }
        int version = (int) number(lines[0], "version");
        if (version < 1 || version > 4) {
            throw new FirmwareFormatException("transfer list: version " + version + ", only 1 to 4 are read");
        }
        long blocks = number(lines[1], "block count");
        if (blocks > maxBytes / BLOCK) {
            throw new FirmwareFormatException("transfer list: " + blocks + " blocks, larger than the limit of "
                    + maxBytes + " bytes");
        }
        List<long[]> news = new ArrayList<>();
        for (int i = version >= 2 ? 4 : 2; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String command = space < 0 ? line : line.substring(0, space);
            switch (command) {
                case "new" -> news.addAll(ranges(line.substring(space + 1), blocks));
                case "zero", "erase" -> ranges(line.substring(space + 1), blocks);
                default -> throw new FirmwareFormatException("transfer list: command '"
                        + command.substring(0, Math.min(20, command.length())) + "' on line " + (i + 1)
                        + ": delta OTA, not supported");
            }
        }
        return new TransferList(blocks, news);
    }

    /** Writes the new data's blocks to their ranges, reading the stream once and no further than they hold. */
    void apply(InputStream data, PartitionFile out) throws IOException, FirmwareFormatException {
        for (long[] r : newRanges) {
            if (!out.copy(data, r[0] * BLOCK, (r[1] - r[0]) * BLOCK)) {
                throw new FirmwareFormatException("new.dat: ends before the transfer list's blocks (in "
                        + r[0] + "-" + r[1] + ")");
            }
        }
        out.extendTo(sizeBytes());
    }

    /** A range set: a count, then that many numbers, pairs of [start, end) blocks. */
    private static List<long[]> ranges(String text, long blocks) throws FirmwareFormatException {
        String[] parts = text.strip().split(",");
        long count = number(parts[0], "range count");
        if (count % 2 != 0 || count != parts.length - 1) {
            throw new FirmwareFormatException("transfer list: range set '" + cut(text) + "' is malformed");
        }
        List<long[]> out = new ArrayList<>();
        for (int i = 1; i < parts.length; i += 2) {
            long start = number(parts[i], "range start");
            long end = number(parts[i + 1], "range end");
            if (start >= end || end > blocks) {
                throw new FirmwareFormatException("transfer list: range " + start + "-" + end + " outside the "
                        + blocks + " blocks");
            }
            out.add(new long[] {start, end});
        }
        return out;
    }

    private static long number(String s, String what) throws FirmwareFormatException {
        try {
            long v = Long.parseLong(s.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new FirmwareFormatException("transfer list: " + what + " '" + cut(s) + "' is not a number");
        }
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
