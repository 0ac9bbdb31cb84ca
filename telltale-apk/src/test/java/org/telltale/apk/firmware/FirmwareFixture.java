package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.objectweb.asm.ClassReader;
import org.telltale.testkit.Oracles;

import com.github.luben.zstd.Zstd;

/**
 * The folders firmware images are built from in tests, holding real files: the two real APKs of the
 * module's test resources, ASM's jar from the class path as a framework jar, zstd-jni's native library as
 * a {@code .so}; beside them files the walker must leave out (configuration, a symlink to an APK, files
 * outside the app folders). Also runs the real Debian tools that turn a folder into an image.
 */
final class FirmwareFixture {
    /** A file the walker must hand over: its partition, device path and the staged file holding its bytes. */
    record Expected(String partition, String path, Path source) {
    }

    /** What a visitor saw of one file: its partition, size and the SHA-256 of what it read. */
    record Seen(String partition, long size, String sha256) {
    }

    private FirmwareFixture() {
    }

    /**
     * A system partition laid out system-as-root (its root holds {@code /system}), returning the files the
     * walker must visit; the rest of what it writes must not be visited.
     */
    static List<Expected> stageSystem(Path root) throws IOException {
        List<Expected> wanted = new ArrayList<>();
        Path sys = root.resolve("system");
        Files.createDirectories(sys);
        wanted.add(copy(apk("settings_apk-debug.apk"), sys.resolve("app/Settings/Settings.apk"), "system", root));
        wanted.add(write(sys.resolve("app/Settings/oat/arm64/Settings.vdex"), vdex(), "system", root));
        wanted.add(write(sys.resolve("app/Settings/oat/arm64/Settings.odex"), "\u007fELF odex".getBytes(), "system", root));
        wanted.add(write(sys.resolve("app/Settings/README.txt"), "resources beside the APK".getBytes(), "system", root));
        wanted.add(write(sys.resolve("app/Empty/Empty.apk"), new byte[0], "system", root));
        wanted.add(copy(apk("appium-uiautomator2-server-debug-androidTest.apk"),
                sys.resolve("priv-app/UiAutomator/UiAutomator.apk"), "system", root));
        wanted.add(copy(asmJar(), sys.resolve("framework/asm.jar"), "system", root));
        wanted.add(write(sys.resolve("lib64/libzstd-jni.so"), zstdLibrary(), "system", root));
        Path deep = sys.resolve("etc/a/b/c/d/e/f/g/h");
        wanted.add(write(deep.resolve("deep.dex"), "dex\n039\0".getBytes(), "system", root));
        // Enough entries that ext4 indexes the folder (an htree), which the reader reads linearly.
        Path many = sys.resolve("etc/many");
        Files.createDirectories(many);
        for (int i = 0; i < 600; i++) {
            Files.writeString(many.resolve("entry-with-a-long-name-" + i + ".conf"), "v=" + i);
        }
        wanted.add(write(many.resolve("classes.dex"), "dex\n035\0".getBytes(), "system", root));

        Files.writeString(deep.resolve("deep.txt"), "not code");
        Files.writeString(sys.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        Files.writeString(sys.resolve("build.prop"), "ro.build.id=TELLTALE\n");
        Files.writeString(sys.resolve("framework/framework-res.txt"), "not a jar");
        Files.createSymbolicLink(sys.resolve("app/Link.apk"), Path.of("Settings/Settings.apk"));
        Files.writeString(root.resolve("init"), "#!/init\n");
        return wanted;
    }

    /** A vendor partition (its root is {@code /vendor} on the device). */
    static List<Expected> stageVendor(Path root) throws IOException {
        List<Expected> wanted = new ArrayList<>();
        wanted.add(copy(apk("appium-uiautomator2-server-debug-androidTest.apk"),
                root.resolve("app/VendorApp/VendorApp.apk"), "vendor", "/vendor/app/VendorApp/VendorApp.apk"));
        wanted.add(write(root.resolve("overlay/Overlay.txt"), "an overlay's resources".getBytes(), "vendor",
                "/vendor/overlay/Overlay.txt"));
        wanted.add(write(root.resolve("lib64/libvendor.so"), zstdLibrary(), "vendor", "/vendor/lib64/libvendor.so"));
        Files.writeString(root.resolve("build.prop"), "ro.vendor=TELLTALE\n");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/vintf.xml"), "<manifest/>");
        return wanted;
    }

    /** The expected visits keyed by device path: partition, size and SHA-256 of the staged file. */
    static Map<String, Seen> expected(List<Expected> files) throws IOException {
        Map<String, Seen> out = new TreeMap<>();
        for (Expected e : files) {
            byte[] bytes = Files.readAllBytes(e.source());
            out.put(e.path(), new Seen(e.partition(), bytes.length, sha256(bytes)));
        }
        return out;
    }

    /** Walks an image and records what the visitor was given, reading every file through its opener. */
    static Map<String, Seen> walk(FirmwareWalker walker, Path image) throws IOException, FirmwareFormatException {
        Map<String, Seen> seen = new TreeMap<>();
        walker.walk(image, (partition, path, size, open) -> {
            byte[] bytes;
            try (InputStream in = open.get()) {
                bytes = in.readAllBytes();
            }
            if (bytes.length != size) {
                throw new AssertionError(path + ": read " + bytes.length + " bytes of " + size);
            }
            if (seen.put(path, new Seen(partition, size, sha256(bytes))) != null) {
                throw new AssertionError(path + " visited twice");
            }
        });
        return seen;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** mkfs.ext4 is in /usr/sbin, which a user's PATH may lack. */
    static String e2fsTool(String name) {
        for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        Oracles.need(name);
        return name;
    }

    /** A raw ext4 (or ext2) image of the folder, made by e2fsprogs' mkfs with these options. */
    static Path mkfs(Path dir, Path image, String sizeSpec, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(e2fsTool("mke2fs"), "-q", "-F"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-d", dir.toString(), image.toString(), sizeSpec));
        run(cmd);
        return image;
    }

    static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String runOutput(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            p.waitFor(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }


    /** A file of a system-as-root partition, whose device path is its path from the partition's root. */
    private static Expected copy(Path from, Path to, String partition, Path root) throws IOException {
        return copy(from, to, partition, "/" + root.relativize(to));
    }

    private static Expected write(Path to, byte[] bytes, String partition, Path root) throws IOException {
        return write(to, bytes, partition, "/" + root.relativize(to));
    }

    private static Expected copy(Path from, Path to, String partition, String devicePath) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        return new Expected(partition, devicePath, to);
    }


    private static Expected write(Path to, byte[] bytes, String partition, String devicePath) throws IOException {
        Files.createDirectories(to.getParent());
        Files.write(to, bytes);
        return new Expected(partition, devicePath, to);
    }

    static Path apk(String name) {
        try {
            return Path.of(FirmwareFixture.class.getResource("/apk/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ASM's jar, as the class path holds it: a real jar standing for a framework jar. */
    static Path asmJar() {
        try {
            return Path.of(ClassReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** zstd-jni's native library for linux/amd64, a real ELF shared object. */
    static byte[] zstdLibrary() {
        try {
            Path jar = Path.of(Zstd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    if (e.getName().startsWith("linux/amd64/") && e.getName().endsWith(".so")) {
                        try (InputStream in = zip.getInputStream(e)) {
                            return in.readAllBytes();
                        }
                    }
                }
            }
            throw new IllegalStateException("no linux/amd64 library in " + jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first bytes of a vdex file (magic and version), as ART writes them. */
    private static byte[] vdex() {
        return "vdex027\0".getBytes();
    }
}
