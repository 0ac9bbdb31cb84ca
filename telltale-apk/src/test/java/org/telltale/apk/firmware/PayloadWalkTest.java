package org.telltale.apk.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.code.CodeLimits;

/**
 * Full OTAs: a payload.bin (written by {@link PayloadWriter}) holding a system and a vendor partition made by
 * e2fsprogs from real APKs, and boot and persist partitions that hold no file system; read alone and inside an OTA
 * zip (stored, as real OTAs keep it, and deflated). The walker hands over exactly the files of interest of
 * both partitions, skips boot by its name and persist (random bytes) by its content, reports progress per
 * partition and refuses a delta OTA.
 */
@Timeout(120)
class PayloadWalkTest {
    @TempDir
    static Path images;
    @TempDir
    Path tmp;
    private static Map<String, FirmwareFixture.Seen> expected;
    private static List<PayloadWriter.Partition> partitions;
    private static Path payload;

    @BeforeAll
    static void images() throws IOException {
        Path tmp = images;
        Path system = tmp.resolve("system");
        Path vendor = tmp.resolve("vendor");
        List<FirmwareFixture.Expected> wanted = new ArrayList<>(FirmwareFixture.stageSystem(system));
        wanted.addAll(FirmwareFixture.stageVendor(vendor));
        expected = FirmwareFixture.expected(wanted);
        byte[] random = new byte[64 * 1024];
        new Random(10).nextBytes(random);
        Path bootImage = Files.write(tmp.resolve("boot.img"), random);
        new Random(11).nextBytes(random);
        Path persistImage = Files.write(tmp.resolve("persist.img"), random);
        partitions = List.of(
                new PayloadWriter.Partition("system", FirmwareFixture.mkfs(system, tmp.resolve("system.img"), "16M",
                        "-t", "ext4")),
                new PayloadWriter.Partition("boot", bootImage),
                new PayloadWriter.Partition("persist", persistImage),
                new PayloadWriter.Partition("vendor", FirmwareFixture.mkfs(vendor, tmp.resolve("vendor.img"), "8M",
                        "-t", "ext4")));
        payload = tmp.resolve("payload.bin");
        PayloadWriter.write(payload, partitions);
    }

    private Map<String, FirmwareFixture.Seen> walk(Path image, FirmwareProgress progress)
            throws IOException, FirmwareFormatException {
        return FirmwareFixture.walk(new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), progress), image);
    }

    @Test
    void aPayloadGivesTheFilesOfEveryPartitionAndProgressPerPartition() throws Exception {
        List<String> events = new ArrayList<>();
        long[] advanced = {0};
        FirmwareProgress progress = new FirmwareProgress() {
            @Override
            public void partition(String name, long totalBytes) {
                events.add("start " + name + " " + totalBytes);
            }

            @Override
            public void advanced(long bytes) {
                advanced[0] += bytes;
            }

            @Override
            public void done(String name) {
                events.add("done " + name);
            }
        };
        assertThat(walk(payload, progress)).isEqualTo(expected);
        List<String> expectedEvents = new ArrayList<>();
        // boot is known to hold no files and is not unpacked; persist is unpacked and found to hold no file system.
        for (PayloadWriter.Partition p : partitions) {
            if (p.name().equals("boot")) {
                continue;
            }
            expectedEvents.add("start " + p.name() + " " + Files.size(p.image()));
            expectedEvents.add("done " + p.name());
        }
        assertThat(events).isEqualTo(expectedEvents);
        assertThat(advanced[0]).isPositive().isLessThanOrEqualTo(partitions.stream().mapToLong(p -> size(p.image())).sum());
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void anOtaZipWithAStoredPayloadIsReadInPlace() throws Exception {
        Path zip = otaZip(payload, true);
        assertThat(walk(zip, FirmwareProgress.NONE)).isEqualTo(expected);
    }

    @Test
    void anOtaZipWithADeflatedPayloadIsInflatedFirst() throws Exception {
        Path zip = otaZip(payload, false);
        assertThat(walk(zip, FirmwareProgress.NONE)).isEqualTo(expected);
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void aDeltaOtaIsRefusedInOneLine() throws Exception {
        Path delta = tmp.resolve("payload.bin");
        PayloadWriter.write(delta, List.of(partitions.get(2)), PayloadWriter.SOURCE_COPY);
        assertThatThrownBy(() -> walk(delta, FirmwareProgress.NONE))
                .isInstanceOf(FirmwareFormatException.class)
                .hasMessage("payload: operation type 4 in persist: delta OTA, not supported");
    }

    @Test
    void aPartitionLargerThanTheLimitIsRefusedBeforeAnythingIsWritten() throws Exception {
        long system = Files.size(partitions.get(0).image());
        FirmwareWalker strict = new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), FirmwareProgress.NONE,
                system - 1);
        assertThatThrownBy(() -> FirmwareFixture.walk(strict, payload)).isInstanceOf(FirmwareFormatException.class)
                .hasMessage("payload: partition system of " + system + " bytes is larger than the limit of "
                        + (system - 1));
        FirmwareWalker enough = new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), FirmwareProgress.NONE,
                system);
        assertThat(FirmwareFixture.walk(enough, payload)).isEqualTo(expected);
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void aPayloadCutShortIsRefused() throws Exception {
        Path cut = tmp.resolve("cut/payload.bin");
        Files.createDirectories(cut.getParent());
        byte[] all = Files.readAllBytes(payload);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> walk(cut, FirmwareProgress.NONE))
                .isInstanceOf(FirmwareFormatException.class)
                .hasMessageContaining("lies past the end of payload.bin");
    }

    private Path otaZip(Path payload, boolean stored) throws IOException {
        Path zip = tmp.resolve(stored ? "ota-stored.zip" : "ota-deflated.zip");
        byte[] bytes = Files.readAllBytes(payload);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("META-INF/com/android/metadata"));
            out.write("ota-type=AB\n".getBytes());
            ZipEntry e = new ZipEntry("payload.bin");
            if (stored) {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            out.putNextEntry(e);
            out.write(bytes);
            out.putNextEntry(new ZipEntry("payload_properties.txt"));
            out.write("FILE_SIZE=1\n".getBytes());
        }
        return zip;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
