package org.telltale.apk.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.code.CodeLimits;
import org.telltale.testkit.Oracles;

/**
 * Block OTAs: {@code system.new.dat(.br)} with {@code system.transfer.list} (written by
 * {@link TransferListWriter} from ext4 images e2fsprogs made of real APKs; brotli by the reference
 * encoder, Debian's brotli CLI), loose and inside an OTA zip beside a vendor partition. The walker hands
 * over exactly the files of interest; patch commands, ranges outside the partition and data cut short are
 * refused in one line.
 */
@Timeout(120)
class TransferListWalkTest {
    @TempDir
    static Path images;
    @TempDir
    Path tmp;
    private static Map<String, FirmwareFixture.Seen> systemFiles;
    private static Map<String, FirmwareFixture.Seen> allFiles;
    private static Path systemImage;
    private static Path vendorImage;

    @BeforeAll
    static void images() throws IOException {
        List<FirmwareFixture.Expected> system = FirmwareFixture.stageSystem(images.resolve("system"));
        List<FirmwareFixture.Expected> both = new ArrayList<>(system);
        both.addAll(FirmwareFixture.stageVendor(images.resolve("vendor")));
        systemFiles = FirmwareFixture.expected(system);
        allFiles = FirmwareFixture.expected(both);
        systemImage = FirmwareFixture.mkfs(images.resolve("system"), images.resolve("system.img"), "16M", "-t", "ext4");
        vendorImage = FirmwareFixture.mkfs(images.resolve("vendor"), images.resolve("vendor.img"), "8M", "-t", "ext4");
    }

    private Map<String, FirmwareFixture.Seen> walk(Path image) throws IOException, FirmwareFormatException {
        return FirmwareFixture.walk(new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), FirmwareProgress.NONE),
                image);
    }

    @Test
    void aBrotliNewDatWithAVersion4ListBesideItGivesTheSystemFiles() throws Exception {
        Oracles.need("brotli");
        Path dir = Files.createDirectories(tmp.resolve("ota"));
        Path dat = dir.resolve("system.new.dat");
        TransferListWriter.write(systemImage, dat, dir.resolve("system.transfer.list"), 4);
        FirmwareFixture.run(List.of("brotli", "-q", "6", "-o", dir.resolve("system.new.dat.br").toString(),
                dat.toString()));
        Files.delete(dat);
        assertThat(walk(dir.resolve("system.new.dat.br"))).isEqualTo(systemFiles);
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void anOtaZipWithVersion1AndVersion3ListsGivesBothPartitions() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("parts"));
        String v1 = TransferListWriter.write(systemImage, dir.resolve("system.new.dat"),
                dir.resolve("system.transfer.list"), 1);
        assertThat(v1).startsWith("1\n4096\nerase ");
        TransferListWriter.write(vendorImage, dir.resolve("vendor.new.dat"), dir.resolve("vendor.transfer.list"), 3);
        Path zip = tmp.resolve("ota.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("system.transfer.list", "system.new.dat", "vendor.transfer.list",
                    "vendor.new.dat")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(Files.readAllBytes(dir.resolve(name)));
            }
            out.putNextEntry(new ZipEntry("system.patch.dat"));
        }
        assertThat(walk(zip)).isEqualTo(allFiles);
    }

    @Test
    void aPatchCommandIsADeltaOtaAndRefused() throws Exception {
        Path list = write("4\n16\n0\n0\nerase 2,0,16\nbsdiff 0 100 abc 2,0,1 1 2,0,1\n", new byte[0]);
        assertThatThrownBy(() -> walk(list)).isInstanceOf(FirmwareFormatException.class)
                .hasMessage("transfer list: command 'bsdiff' on line 6: delta OTA, not supported");
    }

    @Test
    void aRangeOutsideThePartitionIsRefused() throws Exception {
        Path dat = write("4\n16\n0\n0\nnew 2,10,17\n", new byte[7 * 4096]);
        assertThatThrownBy(() -> walk(dat)).isInstanceOf(FirmwareFormatException.class)
                .hasMessage("transfer list: range 10-17 outside the 16 blocks");
    }

    @Test
    void newDataShorterThanItsRangesIsRefused() throws Exception {
        byte[] data = new byte[3 * 4096];
        Arrays.fill(data, (byte) 1);
        Path dat = write("2\n16\n0\n0\nnew 4,0,2,4,6\n", data);
        assertThatThrownBy(() -> walk(dat)).isInstanceOf(FirmwareFormatException.class)
                .hasMessage("new.dat: ends before the transfer list's blocks (in 4-6)");
    }

    private Path write(String list, byte[] data) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("hand"));
        Files.writeString(dir.resolve("system.transfer.list"), list);
        return Files.write(dir.resolve("system.new.dat"), data);
    }
}
