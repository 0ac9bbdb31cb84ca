package org.telltale.apk.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telltale.apk.code.CodeLimits;
import org.telltale.testkit.Oracles;

/**
 * Real ext4 and EROFS images with bytes of their metadata overwritten at random (fixed seeds): every walk
 * either finishes or stops with a FirmwareFormatException or an IOException, never another exception, a
 * hang or a run out of memory, and leaves no temporary file.
 */
@Timeout(60)
class CorruptedImageTest {
    private static final int SEEDS = 40;
    @TempDir
    static Path images;
    private static int ext4InodeTable;
    @TempDir
    Path tmp;

    @BeforeAll
    static void images() throws IOException {
        Path stage = images.resolve("stage");
        FirmwareFixture.stageSystem(stage);
        Path ext4 = FirmwareFixture.mkfs(stage, images.resolve("ext4.img"), "16M", "-t", "ext4");
        Matcher table = Pattern.compile("Inode table at (\\d+)-").matcher(FirmwareFixture.runOutput(
                List.of(FirmwareFixture.e2fsTool("dumpe2fs"), ext4.toString())));
        assertThat(table.find()).isTrue();
        ext4InodeTable = Integer.parseInt(table.group(1)) * 4096;
        if (Oracles.onPath("mkfs.erofs")) {
            FirmwareFixture.run(List.of("mkfs.erofs", "--quiet", images.resolve("erofs.img").toString(),
                    stage.toString()));
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of("ext4.img", "erofs.img")
                .flatMap(name -> IntStream.range(0, SEEDS).mapToObj(seed -> Arguments.of(name, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void aCorruptedImageEndsInAFormatOrReadErrorOrAWalk(String name, int seed) throws Exception {
        if (name.startsWith("erofs")) {
            Oracles.need("mkfs.erofs");
        }
        byte[] bytes = Files.readAllBytes(images.resolve(name));
        Random random = new Random(seed);
        // Half the changes land in the structures the walk reads (ext4: the used start of the inode table, which
        // dumpe2fs locates; EROFS: its inodes and directories, which mkfs.erofs writes first), half anywhere in
        // the first 512 KiB (superblock, group descriptors, bitmaps, directory blocks).
        int hot = name.startsWith("ext4") ? ext4InodeTable : 1024;
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int at = i % 2 == 0 ? hot + random.nextInt(64 << 10) : 1024 + random.nextInt((512 << 10) - 1024);
            bytes[at] = (byte) random.nextInt(256);
            changed.add(at);
        }
        Path image = Files.write(tmp.resolve(name), bytes);
        Path work = tmp.resolve("work");
        try {
            FirmwareFixture.walk(new FirmwareWalker(CodeLimits.DEFAULT, work, FirmwareProgress.NONE), image);
        } catch (FirmwareFormatException | IOException expected) {
            assertThat(expected.getMessage()).as("changed " + changed).isNotBlank().doesNotContain("\n");
        }
        assertThat(!Files.exists(work) || Files.list(work).findAny().isEmpty()).isTrue();
    }
}
