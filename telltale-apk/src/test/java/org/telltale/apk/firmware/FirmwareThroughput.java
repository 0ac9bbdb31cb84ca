package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.telltale.apk.code.CodeLimits;

/**
 * Measures MB/s through each firmware container (not a test: run by {@code bench/firmware-throughput.sh}).
 * Builds a system partition of about the asked size from copies of the real APKs, packs it every way the
 * walker reads (raw ext4, sparse, payload.bin by operation type, system.new.dat(.br), super.img, EROFS
 * plain and LZ4), and walks each twice, reading every file handed over; prints the second, warm walk as
 * partition MB per second, beside the Debian tool a user would otherwise run on the same file.
 *
 * <p>Usage: {@code FirmwareThroughput WORK_DIR [MB]}
 */
public final class FirmwareThroughput {
    private FirmwareThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int mb = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path stage = work.resolve("stage");
        FirmwareFixture.stageSystem(stage);
        byte[] apk = Files.readAllBytes(FirmwareFixture.apk("settings_apk-debug.apk"));
        for (int i = 0; i * (long) apk.length < mb * (1L << 20); i++) {
            Path dir = Files.createDirectories(stage.resolve("system/app/App" + i));
            Files.write(dir.resolve("App" + i + ".apk"), apk);
        }
        long files = sizeOf(stage);
        long imageMb = files / (1 << 20) * 5 / 4 + 16;
        Path raw = FirmwareFixture.mkfs(stage, work.resolve("system.img"), imageMb + "M", "-t", "ext4");
        long partition = Files.size(raw);
        System.out.printf(Locale.ROOT, "partition: ext4 of %d MB holding %d MB of files%n", partition >> 20, files >> 20);
        System.out.printf(Locale.ROOT, "%-26s %10s %7s %8s %9s %9s   %s%n", "container", "file MB", "files", "read MB",
                "seconds", "MB/s", "Debian tool on the same file");

        measure("raw ext4", raw, partition, List.of(FirmwareFixture.e2fsTool("debugfs"), "-R",
                "rdump / " + Files.createDirectories(work.resolve("rdump")), raw.toString()), work);
        Path sparse = work.resolve("system.simg");
        FirmwareFixture.run(List.of("img2simg", raw.toString(), sparse.toString()));
        measure("sparse (img2simg)", sparse, partition,
                List.of("simg2img", sparse.toString(), work.resolve("unsparsed.img").toString()), work);
        int[][] types = {{PayloadWriter.REPLACE}, {PayloadWriter.REPLACE_BZ}, {PayloadWriter.REPLACE_XZ},
                {PayloadWriter.ZSTD}};
        String[] names = {"REPLACE", "REPLACE_BZ", "REPLACE_XZ", "ZSTD"};
        for (int i = 0; i < types.length; i++) {
            Path payload = work.resolve("payload-" + names[i] + ".bin");
            PayloadWriter.write(payload, List.of(new PayloadWriter.Partition("system", raw)), -1, types[i]);
            measure("payload.bin " + names[i], payload, partition, null, work);
            Files.delete(payload);
        }
        Path dat = work.resolve("system.new.dat");
        TransferListWriter.write(raw, dat, work.resolve("system.transfer.list"), 4);
        measure("system.new.dat", dat, partition, null, work);
        FirmwareFixture.run(List.of("brotli", "-q", "5", "-f", "-o", work.resolve("system.new.dat.br").toString(),
                dat.toString()));
        Files.delete(dat);
        measure("system.new.dat.br", work.resolve("system.new.dat.br"), partition, null, work);
        Path superImage = work.resolve("super.img");
        SuperImageWriter.write(superImage, List.of(new SuperImageWriter.Partition("system", raw, 3)));
        measure("super.img", superImage, partition, null, work);
        for (String[] erofs : new String[][] {{"erofs plain", null}, {"erofs lz4hc", "-zlz4hc"}}) {
            Path image = work.resolve(erofs[1] == null ? "plain.erofs" : "lz4.erofs");
            List<String> cmd = new ArrayList<>(List.of("mkfs.erofs", "--quiet"));
            if (erofs[1] != null) {
                cmd.add(erofs[1]);
            }
            cmd.addAll(List.of(image.toString(), stage.toString()));
            FirmwareFixture.run(cmd);
            measure(erofs[0], image, partition, List.of("fsck.erofs", "--extract="
                    + work.resolve("extract-" + image.getFileName()), image.toString()), work);
        }
    }

    private static void measure(String name, Path image, long partition, List<String> tool, Path work)
            throws IOException, FirmwareFormatException {
        double seconds = 0;
        long[] read = null;
        for (int run = 0; run < 2; run++) {
            long start = System.nanoTime();
            read = walk(image, work.resolve("tmp"));
            seconds = (System.nanoTime() - start) / 1e9;
        }
        String other = "";
        if (tool != null) {
            long start = System.nanoTime();
            FirmwareFixture.run(tool);
            double s = (System.nanoTime() - start) / 1e9;
            other = String.format(Locale.ROOT, "%s: %.2f s (%.0f MB/s)", tool.get(0).replaceAll(".*/", ""), s,
                    (partition >> 20) / s);
        }
        System.out.printf(Locale.ROOT, "%-26s %10d %7d %8d %9.2f %9.0f   %s%n", name, Files.size(image) >> 20, read[0],
                read[1] >> 20, seconds, (partition >> 20) / seconds, other);
    }

    /** Walks the image reading every file handed over; returns how many files and bytes. */
    private static long[] walk(Path image, Path tmp) throws IOException, FirmwareFormatException {
        byte[] buf = new byte[1 << 16];
        long[] read = new long[2];
        new FirmwareWalker(CodeLimits.DEFAULT, tmp, FirmwareProgress.NONE).walk(image, (partition, path, size, open) -> {
            read[0]++;
            try (InputStream in = open.get()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    read[1] += n;
                }
            }
        });
        return read;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
