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
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.code.CodeLimits;
import org.telltale.testkit.Oracles;

/**
 * Damaged and hostile images, made by damaging real ones (e2fsprogs' debugfs edits the file system the way
 * an attacker's tool would): each ends in one FirmwareFormatException with a one-line message, promptly,
 * without filling memory or leaving temporary files behind.
 */
@Timeout(60)
class HostileImageTest {
    @TempDir
    Path tmp;
    private Path image;

    @BeforeEach
    void image() throws IOException {
        Path stage = tmp.resolve("stage");
        FirmwareFixture.stageSystem(stage);
        image = FirmwareFixture.mkfs(stage, tmp.resolve("system.img"), "16M", "-t", "ext4");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> walking(Path file) {
        return walking(file, CodeLimits.DEFAULT);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> walking(Path file, CodeLimits limits) {
        Path work = tmp.resolve("work");
        return assertThatThrownBy(() -> {
            try {
                FirmwareFixture.walk(new FirmwareWalker(limits, work, FirmwareProgress.NONE), file);
            } finally {
                assertThat(!Files.exists(work) || Files.list(work).findAny().isEmpty())
                        .as("temporary files deleted").isTrue();
            }
        }).isInstanceOf(FirmwareFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private void debugfs(String request) throws IOException {
        FirmwareFixture.run(List.of(FirmwareFixture.e2fsTool("debugfs"), "-w", "-R", request, image.toString()));
    }

    @Test
    void aTruncatedExt4ImageIsRefusedByItsSuperblock() throws Exception {
        Path cut = tmp.resolve("cut.img");
        try (FileChannel in = FileChannel.open(image); FileChannel out = FileChannel.open(cut,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(0, in.size() / 2, out);
        }
        walking(cut).hasMessageStartingWith("ext4: the superblock claims");
    }

    @Test
    void aDirectoryLinkedIntoItselfIsALoopNotAHang() throws Exception {
        debugfs("link /system /system/etc/loop");
        walking(image).hasMessageContaining("ext4: directory loop at /system/etc/loop");
    }

    @Test
    void anExtentPointingPastTheEndIsRefusedWhenTheFileIsOpened() throws Exception {
        // i_block[5] is the low 32 bits of the first extent's physical block in an inode-held tree.
        debugfs("sif /system/app/Settings/Settings.apk block[5] 0x7ffffff0");
        walking(image).hasMessageContaining("points past the end");
    }

    @Test
    void anExtentHeaderWithoutItsMagicIsRefused() throws Exception {
        debugfs("sif /system/priv-app/UiAutomator/UiAutomator.apk block[0] 0");
        walking(image).hasMessageContaining("ext4: bad extent header");
    }

    @Test
    void aSparseImageThatWritesMoreBlocksThanItDeclaresIsRefused() throws Exception {
        Path sparse = sparse();
        patchInt(sparse, 16, readInt(sparse, 16) / 2);
        walking(sparse).hasMessageContaining("writes past the declared size");
    }

    @Test
    void aSparseImageDeclaringTerabytesIsRefusedBeforeWriting() throws Exception {
        Path sparse = sparse();
        patchInt(sparse, 16, 0xFFFFFFFF);
        walking(sparse).hasMessageContaining("larger than the limit");
    }

    @Test
    void aTruncatedSparseImageIsRefused() throws Exception {
        Path sparse = sparse();
        try (FileChannel c = FileChannel.open(sparse, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 1000);
        }
        walking(sparse).hasMessageStartingWith("sparse: truncated");
    }

    @Test
    void aFewBytesOfFillChunkCannotFillTheDisk() throws Exception {
        // A 4 GiB image (within the partition limit) made of one FILL chunk of a non-zero value.
        ByteBuffer b = ByteBuffer.allocate(28 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xed26ff3a).putShort((short) 1).putShort((short) 0).putShort((short) 28).putShort((short) 12)
                .putInt(4096).putInt(1 << 20).putInt(1).putInt(0);
        b.putShort((short) 0xCAC2).putShort((short) 0).putInt(1 << 20).putInt(12 + 4).putInt(0x01010101);
        Path bomb = Files.write(tmp.resolve("fill.simg"), b.array());
        walking(bomb).hasMessageStartingWith("sparse: fill chunks write more than 67108864 bytes");
    }

    @Test
    void containersNestedPastTheDepthLimitAreRefusedAndWithinItRead() throws Exception {
        Oracles.need("img2simg");
        Path nested = image;
        for (int i = 0; i < 2; i++) {
            Path next = tmp.resolve("nested" + i + ".img");
            FirmwareFixture.run(List.of("img2simg", nested.toString(), next.toString()));
            nested = next;
        }
        assertThat(FirmwareFixture.walk(new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("w2"),
                FirmwareProgress.NONE), nested)).isNotEmpty();
        for (int i = 2; i < CodeLimits.DEFAULT.maxDepth() + 1; i++) {
            Path next = tmp.resolve("nested" + i + ".img");
            FirmwareFixture.run(List.of("img2simg", nested.toString(), next.toString()));
            nested = next;
        }
        walking(nested).hasMessage("containers nested deeper than " + CodeLimits.DEFAULT.maxDepth() + " in system");
    }

    @Test
    void aZipBombEntryStopsAtTheInflationRatio() throws Exception {
        Path zip = tmp.resolve("ota.zip");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(9);
            out.putNextEntry(new ZipEntry("system.img"));
            for (int i = 0; i < 32; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(Files.size(zip) * CodeLimits.DEFAULT.maxRatio()).isLessThan(32L << 20);
        walking(zip).hasMessageContaining("zip bomb");
    }

    @Test
    void moreFilesThanTheLimitIsRefusedAndTheLimitAboveTheCountIsNot() throws Exception {
        CodeLimits d = CodeLimits.DEFAULT;
        CodeLimits few = new CodeLimits(d.maxDexBytes(), d.maxClassesPerDex(), d.maxInstructions(), d.maxStringBytes(),
                d.maxEntries(), d.maxEntryBytes(), d.maxRatio(), d.maxDepth(), 100);
        walking(image, few).hasMessageContaining("more than 100 files");
        CodeLimits enough = new CodeLimits(d.maxDexBytes(), d.maxClassesPerDex(), d.maxInstructions(),
                d.maxStringBytes(), d.maxEntries(), d.maxEntryBytes(), d.maxRatio(), d.maxDepth(), 1000);
        assertThat(FirmwareFixture.walk(new FirmwareWalker(enough, tmp.resolve("w2"), FirmwareProgress.NONE), image))
                .isNotEmpty();
    }

    @Test
    void bytesOfNoKnownKindAreNotAFirmwareImage() throws Exception {
        Path junk = tmp.resolve("junk.bin");
        byte[] bytes = new byte[100_000];
        Arrays.fill(bytes, (byte) 0x5a);
        Files.write(junk, bytes);
        walking(junk).hasMessageStartingWith("not a firmware image");
    }

    private Path sparse() throws IOException {
        Oracles.need("img2simg");
        Path sparse = tmp.resolve("system.simg");
        FirmwareFixture.run(List.of("img2simg", image.toString(), sparse.toString()));
        return sparse;
    }

    private static int readInt(Path file, int at) throws IOException {
        try (FileChannel c = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            c.read(b, at);
            return b.getInt(0);
        }
    }

    private static void patchInt(Path file, int at, int value) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), at);
        }
    }
}
