package org.telltale.apk.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.code.CodeLimits;
import org.telltale.testkit.Oracles;

/**
 * EROFS images written by erofs-utils' mkfs.erofs from the real APKs: uncompressed ones (compact and
 * extended inodes, inline tails) are read by our own reader without any tool (shown by pointing the
 * walker at a missing fsck.erofs), LZ4-compressed ones through fsck.erofs, and a missing fsck.erofs is a
 * one-line message when a compressed file is opened.
 */
@Timeout(120)
class ErofsWalkTest {
    private static final String MISSING = "telltale-no-such-fsck.erofs";
    @TempDir
    static Path images;
    @TempDir
    Path tmp;
    private static Map<String, FirmwareFixture.Seen> expected;

    @BeforeAll
    static void stage() throws IOException {
        expected = FirmwareFixture.expected(FirmwareFixture.stageSystem(images.resolve("stage")));
    }

    private Path mkfs(String name, String... options) throws IOException {
        Oracles.need("mkfs.erofs");
        Path image = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("mkfs.erofs", "--quiet"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of(image.toString(), images.resolve("stage").toString()));
        FirmwareFixture.run(cmd);
        return image;
    }

    private Map<String, FirmwareFixture.Seen> walk(Path image, String fsck) throws IOException, FirmwareFormatException {
        return FirmwareFixture.walk(new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), FirmwareProgress.NONE)
                .fsckErofs(fsck), image);
    }

    @Test
    void anUncompressedImageIsReadByOurReaderAlone() throws Exception {
        assertThat(walk(mkfs("system.img"), MISSING)).isEqualTo(expected);
        assertThat(walk(mkfs("plain.erofs"), MISSING)).as("a name of no partition is system").isEqualTo(expected);
    }

    @Test
    void extendedInodesAreRead() throws Exception {
        assertThat(walk(mkfs("system.img", "-E", "force-inode-extended"), MISSING)).isEqualTo(expected);
    }

    @Test
    void tailsKeptOutOfTheInodeAreRead() throws Exception {
        assertThat(walk(mkfs("system.img", "-E", "noinline_data"), MISSING)).isEqualTo(expected);
    }

    @Test
    void anLz4CompressedImageIsReadThroughFsckErofs() throws Exception {
        Oracles.need("fsck.erofs");
        assertThat(walk(mkfs("system.img", "-zlz4hc"), "fsck.erofs")).isEqualTo(expected);
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void aCompressedFileWithoutFsckErofsIsAOneLineMessage() throws Exception {
        Path image = mkfs("system.img", "-zlz4hc");
        assertThatThrownBy(() -> walk(image, MISSING)).isInstanceOf(IOException.class)
                .hasMessage("erofs: compressed files need fsck.erofs from erofs-utils, which is not installed");
        assertThat(tmp.resolve("work")).isEmptyDirectory();
    }

    @Test
    void aTruncatedImageIsAOneLineFormatError() throws Exception {
        Path image = mkfs("system.img");
        Path cut = tmp.resolve("cut.img");
        try (FileChannel in = FileChannel.open(image); FileChannel out = FileChannel.open(cut,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(0, in.size() / 3, out);
        }
        assertThatThrownBy(() -> walk(cut, MISSING)).isInstanceOf(FirmwareFormatException.class)
                .hasMessageStartingWith("erofs: ").hasMessageContaining("past the end");
    }

    @Test
    void aDirectoryEntryPointingBackAtItsDirectoryIsALoopNotAHang() throws Exception {
        Path image = mkfs("system.img");
        byte[] bytes = Files.readAllBytes(image);
        // /system's entries, sorted as mkfs.erofs writes them: ".", "..", app, build.prop, etc, ...; their names
        // follow the eight 12-byte entries. Point "etc" at the nid of "." (/system itself).
        byte[] names = "...appbuild.propetcframeworklib64priv-app".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, names);
        assertThat(at).isPositive();
        int block = at - 8 * 12;
        System.arraycopy(bytes, block, bytes, block + 4 * 12, 8);
        Files.write(image, bytes);
        assertThatThrownBy(() -> walk(image, MISSING)).isInstanceOf(FirmwareFormatException.class)
                .hasMessageStartingWith("erofs: directory loop at /system/etc");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
