package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a block OTA's {@code NAME.new.dat} and {@code NAME.transfer.list} from a raw partition image, for
 * tests: Debian packages no tool that makes them (AOSP's blockimgdiff is not packaged). Runs of blocks
 * that hold data become {@code new} commands (two runs per command, so range sets with several pairs
 * occur), runs of zeros become {@code zero}, and the list opens with an {@code erase} of the whole
 * partition, as AOSP's writer does.
 */
final class TransferListWriter {
    private static final int BLOCK = 4096;

    private TransferListWriter() {
    }

    /** Writes both files and returns the transfer list's text. */
    static String write(Path raw, Path newDat, Path list, int version) throws IOException {
        byte[] image = Files.readAllBytes(raw);
        int blocks = image.length / BLOCK;
        List<int[]> dataRuns = new ArrayList<>();
        List<int[]> zeroRuns = new ArrayList<>();
        for (int b = 0; b < blocks; ) {
            boolean zero = zero(image, b);
            int end = b + 1;
            while (end < blocks && zero(image, end) == zero && end - b < 300) {
                end++;
            }
            (zero ? zeroRuns : dataRuns).add(new int[] {b, end});
            b = end;
        }
        StringBuilder text = new StringBuilder();
        text.append(version).append('\n').append(blocks).append('\n');
        if (version >= 2) {
            text.append("0\n0\n");
        }
        text.append("erase 2,0,").append(blocks).append('\n');
        try (OutputStream out = Files.newOutputStream(newDat)) {
            for (int i = 0; i < dataRuns.size(); i += 2) {
                List<int[]> pair = dataRuns.subList(i, Math.min(i + 2, dataRuns.size()));
                text.append("new ").append(rangeSet(pair)).append('\n');
                for (int[] r : pair) {
                    out.write(image, r[0] * BLOCK, (r[1] - r[0]) * BLOCK);
                }
            }
        }
        for (int[] r : zeroRuns) {
            text.append("zero ").append(rangeSet(List.of(r))).append('\n');
        }
        Files.writeString(list, text);
        return text.toString();
    }

    private static String rangeSet(List<int[]> ranges) {
        StringBuilder s = new StringBuilder().append(ranges.size() * 2);
        for (int[] r : ranges) {
            s.append(',').append(r[0]).append(',').append(r[1]);
        }
        return s.toString();
    }

    private static boolean zero(byte[] image, int block) {
        for (int i = block * BLOCK; i < (block + 1) * BLOCK; i++) {
            if (image[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
