package org.telltale.apk.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * Dynamic partitions: a super.img (written by {@link SuperImageWriter}) holding system and vendor images
 * e2fsprogs made of real APKs, system cut into three LINEAR extents placed in reverse order, vendor's zero
 * tail a ZERO extent, the B slot empty; raw, sparse (img2simg, as factory images ship it) and inside a
 * zip of images. The walker hands over exactly the files of both partitions, named without the slot.
 */
@Timeout(120)
class SuperImageWalkTest {
    @TempDir
    static Path images;
    @TempDir
    Path tmp;
    private static Map<String, FirmwareFixture.Seen> expected;
    private static Path superImage;

    @BeforeAll
    static void images() throws IOException {
        List<FirmwareFixture.Expected> wanted = new ArrayList<>(FirmwareFixture.stageSystem(images.resolve("system")));
        wanted.addAll(FirmwareFixture.stageVendor(images.resolve("vendor")));
        expected = FirmwareFixture.expected(wanted);
        Path system = FirmwareFixture.mkfs(images.resolve("system"), images.resolve("system.img"), "16M", "-t", "ext4");
        Path vendor = FirmwareFixture.mkfs(images.resolve("vendor"), images.resolve("vendor.img"), "8M", "-t", "ext4");
        superImage = images.resolve("super.img");
        SuperImageWriter.write(superImage, List.of(new SuperImageWriter.Partition("system", system, 3),
                new SuperImageWriter.Partition("vendor", vendor, 1)));
    }

    private Map<String, FirmwareFixture.Seen> walk(Path image) throws IOException, FirmwareFormatException {
        return FirmwareFixture.walk(new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), FirmwareProgress.NONE),
                image);
    }

    @Test
    void aRawSuperImageGivesTheFilesOfEachLogicalPartition() throws Exception {
        assertThat(extentTypes()).as("LINEAR and ZERO extents").contains(0, 1);
        assertThat(walk(superImage)).isEqualTo(expected);
    }

    @Test
    void aZipOfImagesHoldingASparseSuperImageGivesTheSameFiles() throws Exception {
        Oracles.need("img2simg");
        Path sparse = tmp.resolve("super.img");
        FirmwareFixture.run(List.of("img2simg", superImage.toString(), sparse.toString()));
        Path zip = tmp.resolve("factory.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("android-info.txt"));
            out.write("require board=telltale\n".getBytes());
            out.putNextEntry(new ZipEntry("super.img"));
            out.write(Files.readAllBytes(sparse));
        }
        assertThat(walk(zip)).isEqualTo(expected);
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    /** The target types of the extents in metadata slot 0, as the test reads the table by hand. */
    private static List<Integer> extentTypes() throws IOException {
        List<Integer> types = new ArrayList<>();
        try (FileChannel c = FileChannel.open(superImage)) {
            ByteBuffer header = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
            c.read(header, 12288);
            int offset = header.getInt(92);
            int count = header.getInt(96);
            for (int i = 0; i < count; i++) {
                ByteBuffer e = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
                c.read(e, 12288 + 128 + offset + i * 24L);
                types.add(e.getInt(8));
            }
        }
        return types;
    }

    @Test
    void aSparseSuperImageGivesTheSameFiles() throws Exception {
        Oracles.need("img2simg");
        Path sparse = tmp.resolve("super_sparse.img");
        FirmwareFixture.run(List.of("img2simg", superImage.toString(), sparse.toString()));
        assertThat(walk(sparse)).isEqualTo(expected);
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void anExtentPastTheEndOfSuperIsRefused() throws Exception {
        Path bad = tmp.resolve("super.img");
        Files.copy(superImage, bad);
        // The first extent's target sector: tables start after the 128-byte header at 12288, extents after
        // the four partition entries of 52 bytes; target_data is 12 bytes into the entry.
        try (FileChannel c = FileChannel.open(bad, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40),
                    12288 + 128 + 4 * 52 + 12);
        }
        assertThatThrownBy(() -> walk(bad)).isInstanceOf(FirmwareFormatException.class)
                .hasMessage("super: an extent of system_a points past the end");
    }
}
