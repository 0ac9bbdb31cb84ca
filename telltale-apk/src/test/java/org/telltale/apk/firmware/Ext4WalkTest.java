package org.telltale.apk.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.code.CodeLimits;
import org.telltale.testkit.Oracles;

/**
 * ext4 images written by e2fsprogs' own mkfs from a folder of real APKs, a real jar and a real native
 * library: the walker hands over exactly the files of interest (paths, sizes, SHA-256 of what it reads),
 * whatever layout mkfs chose (4 KiB and 1 KiB blocks, 64- and 32-bit group descriptors, extent trees of
 * depth 0 and 1, ext2's indirect block maps), and the same through img2simg's sparse image.
 */
@Timeout(120)
class Ext4WalkTest {
    @TempDir
    Path tmp;
    private Map<String, FirmwareFixture.Seen> expected;
    private Path stage;

    @BeforeEach
    void stage() throws IOException {
        stage = tmp.resolve("stage");
        List<FirmwareFixture.Expected> wanted = FirmwareFixture.stageSystem(stage);
        expected = FirmwareFixture.expected(wanted);
    }

    private Map<String, FirmwareFixture.Seen> walk(Path image) throws IOException, FirmwareFormatException {
        return FirmwareFixture.walk(new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), FirmwareProgress.NONE),
                image);
    }

    @Test
    void aDefaultExt4ImageGivesExactlyTheFilesOfInterest() throws Exception {
        Path image = FirmwareFixture.mkfs(stage, tmp.resolve("system.img"), "16M", "-t", "ext4", "-b", "4096");
        assertThat(dumpe2fs(image)).contains("64bit", "extent");
        assertThat(walk(image)).isEqualTo(expected);
    }

    @Test
    void anImageNamedForNoPartitionIsTakenForSystemAndOneNamedVendorForVendor() throws Exception {
        Path dump = FirmwareFixture.mkfs(stage, tmp.resolve("dump.ext4"), "16M", "-t", "ext4");
        assertThat(walk(dump)).isEqualTo(expected);
        Path vendorStage = tmp.resolve("vendor-stage");
        Map<String, FirmwareFixture.Seen> vendor = FirmwareFixture.expected(FirmwareFixture.stageVendor(vendorStage));
        Path vendorImage = FirmwareFixture.mkfs(vendorStage, tmp.resolve("vendor_a.img"), "8M", "-t", "ext4");
        assertThat(walk(vendorImage)).isEqualTo(vendor);
    }

    @Test
    void smallBlocksInSmallGroupsGiveExtentTreesDeeperThanTheInode() throws Exception {
        // Without flex_bg every 1 KiB group starts with its bitmaps and inode table, which cuts a 3 MB APK into
        // more extents than the inode's four slots: the tree gets an index level.
        Path image = FirmwareFixture.mkfs(stage, tmp.resolve("system.img"), "24M", "-t", "ext4", "-b", "1024",
                "-g", "1024", "-O", "^flex_bg,^resize_inode");
        String extents = FirmwareFixture.runOutput(List.of(FirmwareFixture.e2fsTool("debugfs"), "-R",
                "ex /system/app/Settings/Settings.apk", image.toString()));
        assertThat(extents).contains(" 0/ 1 ", " 1/ 1 ");
        assertThat(walk(image)).isEqualTo(expected);
    }

    @Test
    void ext2BlockMapsWithIndirectBlocksAreRead() throws Exception {
        // 1 KiB blocks put a 3 MB file past the twelve direct and 256 single-indirect blocks: double indirect.
        Path image = FirmwareFixture.mkfs(stage, tmp.resolve("system.img"), "24M", "-t", "ext2", "-b", "1024");
        assertThat(dumpe2fs(image)).doesNotContain("extent");
        assertThat(walk(image)).isEqualTo(expected);
    }

    @Test
    void thirtyTwoBitGroupDescriptorsAreRead() throws Exception {
        Path image = FirmwareFixture.mkfs(stage, tmp.resolve("system.img"), "16M", "-t", "ext4", "-O", "^64bit");
        assertThat(dumpe2fs(image)).doesNotContain("64bit");
        assertThat(walk(image)).isEqualTo(expected);
    }

    @Test
    void aSparseImageFromImg2simgGivesTheSameFiles() throws Exception {
        Oracles.need("img2simg");
        Path raw = FirmwareFixture.mkfs(stage, tmp.resolve("system.raw"), "16M", "-t", "ext4");
        Path sparse = tmp.resolve("system.img");
        FirmwareFixture.run(List.of("img2simg", raw.toString(), sparse.toString()));
        assertThat(java.nio.file.Files.size(sparse)).isLessThan(java.nio.file.Files.size(raw));
        assertThat(walk(sparse)).isEqualTo(expected);
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    private static String dumpe2fs(Path image) throws IOException {
        String out = FirmwareFixture.runOutput(List.of(FirmwareFixture.e2fsTool("dumpe2fs"), "-h", image.toString()));
        return out.lines().filter(l -> l.startsWith("Filesystem features:")).findFirst().orElse("");
    }
}
