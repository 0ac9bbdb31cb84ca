package org.telltale.apk.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.telltale.api.scan.AppScan;
import org.telltale.apk.code.CappedStream;
import org.telltale.apk.firmware.CompiledCode;
import org.telltale.apk.firmware.FirmwareFormatException;
import org.telltale.apk.firmware.FirmwareProgress;
import org.telltale.apk.firmware.FirmwareWalker;

/**
 * Turns what the user names into apps to scan: an APK or app bundle, split APKs packed as .apks or
 * .xapk, a JAR or AAR, a folder of them, or a firmware image (an OTA zip, payload.bin, a sparse, ext4,
 * EROFS or super image, system.new.dat with its transfer.list). Apps inside a container are copied to
 * a temporary file one at a time, scanned and deleted, so an image is never held in memory.
 */
public final class ScanInputs {
    /** Receives each app scanned. */
    @FunctionalInterface
    public interface Sink {
        void app(ScannedApp app) throws IOException;
    }

    /** Told of each app inside a folder or an image that could not be read, while the others still are. */
    @FunctionalInterface
    public interface Unreadable {
        void app(String place, String reason);
    }

    private final AppScanner scanner;
    private final Path tempDir;
    private final FirmwareProgress progress;
    private final Unreadable unreadable;

    /**
     * @param tempDir    where apps taken out of containers wait while scanned; the caller deletes it
     * @param progress   told of each firmware partition as it is read
     * @param unreadable told of each app in a folder or image that cannot be read (one damaged app must not
     *                   hide the rest); an input that is itself unreadable is an exception of {@link #scan}
     */
    public ScanInputs(AppScanner scanner, Path tempDir, FirmwareProgress progress, Unreadable unreadable) {
        this.scanner = scanner;
        this.tempDir = tempDir;
        this.progress = progress;
        this.unreadable = unreadable;
    }

    /** Scans one input, giving each app to the sink in a stable order. */
    public void scan(Path input, Sink sink) throws IOException {
        if (Files.isDirectory(input)) {
            scanFolder(input, sink);
            return;
        }
        String name = input.toString();
        switch (kind(input)) {
            case APK -> sink.app(scanner.scanApk(input, name));
            case JAR -> sink.app(scanner.scanJar(input, name));
            case SPLITS -> scanSplits(input, name, sink);
            case APPS -> scanZipOfApps(input, name, sink);
            case FIRMWARE -> scanFirmware(input, sink);
        }
    }

    private void scanFolder(Path folder, Sink sink) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, scanner.limits().maxDepth() + 4)) {
            files = walk.filter(Files::isRegularFile).filter(ScanInputs::isApp).sorted()
                    .limit(scanner.limits().maxFiles()).toList();
        }
        for (Path f : files) {
            try {
                scan(f, sink);
            } catch (IOException | RuntimeException e) {
                unreadable.app(f.toString(), oneLine(e));
            }
        }
    }

    private static boolean isApp(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".apk") || n.endsWith(".aab") || n.endsWith(".apks") || n.endsWith(".xapk")
                || n.endsWith(".jar") || n.endsWith(".aar");
    }

    private void scanSplits(Path bundle, String name, Sink sink) throws IOException {
        List<Path> apks = new ArrayList<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            List<? extends ZipEntry> entries = apkEntries(zip);
            for (ZipEntry e : entries) {
                Path out = Files.createTempFile(tempDir, "split", ".apk");
                apks.add(out); // before the copy, so a copy that fails is deleted too
                try (InputStream in = zip.getInputStream(e)) {
                    copyBounded(in, out, name + "!" + e.getName());
                }
            }
            if (apks.isEmpty()) {
                throw new IOException(name + ": no APK inside");
            }
            // The base APK first: its manifest names the app, the splits add code and libraries.
            int base = 0;
            for (int i = 0; i < entries.size(); i++) {
                String n = entries.get(i).getName();
                if (n.endsWith("base.apk") || n.endsWith("base-master.apk")) {
                    base = i;
                }
            }
            apks.add(0, apks.remove(base));
            sink.app(scanner.scanSplits(apks, apks.get(0), name));
        } finally {
            for (Path p : apks) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A plain zip of APKs: each is its own app, since nothing says they are one app's splits (those come
     * as .apks or .xapk); one that cannot be read is told and the others are still scanned.
     */
    private void scanZipOfApps(Path file, String name, Sink sink) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = apkEntries(zip);
            for (ZipEntry e : entries.subList(0, Math.min(entries.size(), scanner.limits().maxFiles()))) {
                String place = name + "!" + e.getName();
                Path out = Files.createTempFile(tempDir, "app", ".apk");
                try {
                    try (InputStream in = zip.getInputStream(e)) {
                        copyBounded(in, out, place);
                    }
                    sink.app(scanner.scanApk(out, place));
                } catch (IOException | RuntimeException ex) {
                    unreadable.app(place, oneLine(ex));
                } finally {
                    Files.deleteIfExists(out);
                }
            }
        }
    }

    private static List<? extends ZipEntry> apkEntries(ZipFile zip) {
        List<ZipEntry> out = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".apk")) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(ZipEntry::getName));
        return out;
    }

    private void scanFirmware(Path image, Sink sink) throws IOException {
        FirmwareWalker walker = new FirmwareWalker(scanner.limits(), tempDir, progress);
        try {
            walkFirmware(walker, image, sink);
        } catch (FirmwareFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void walkFirmware(FirmwareWalker walker, Path image, Sink sink) throws IOException, FirmwareFormatException {
        List<String> compiled = new ArrayList<>();
        List<ScannedApp> withoutCode = new ArrayList<>();
        walker.walk(image, (partition, path, size, open) -> {
            String lower = path.toLowerCase(Locale.ROOT);
            if (CompiledCode.isCompiled(path)) {
                compiled.add(path);
                return;
            }
            boolean apk = lower.endsWith(".apk");
            boolean jar = lower.endsWith(".jar");
            if (!apk && !jar) {
                return;
            }
            Path out = Files.createTempFile(tempDir, "app", apk ? ".apk" : ".jar");
            try {
                ScannedApp scanned;
                try {
                    try (InputStream in = open.get()) {
                        copyBounded(in, out, image + "!" + path);
                    }
                    scanned = apk ? scanner.scanApk(out, path) : scanner.scanJar(out, path);
                } catch (IOException | RuntimeException e) {
                    unreadable.app(image + "!" + path, oneLine(e));
                    return;
                }
                if (scanned.scan().code().classes() == 0) {
                    withoutCode.add(scanned); // told once the whole image is walked, with its .vdex/.odex if any
                } else {
                    sink.app(scanned);
                }
            } finally {
                Files.deleteIfExists(out);
            }
        });
        for (ScannedApp app : withoutCode) {
            sink.app(withCompiledCode(app, compiled));
        }
    }

    /** An APK or jar without code, with a note naming the .vdex/.odex files beside it that hold its code. */
    static ScannedApp withCompiledCode(ScannedApp app, List<String> compiled) {
        String key = CompiledCode.key(app.scan().file());
        List<String> beside = compiled.stream().filter(p -> CompiledCode.key(p).equals(key)).sorted().toList();
        List<String> notes = new ArrayList<>(app.scan().notes());
        notes.add(beside.isEmpty() ? "no .vdex/.odex file beside it in the image either"
                : "its code was compiled ahead of time into " + String.join(", ", beside)
                + ", which Telltale does not read: its trackers are unknown, not none");
        AppScan s = app.scan();
        return new ScannedApp(new AppScan(s.file(), s.sha256(), s.size(), s.app(), s.signing(), s.code(), s.trackers(),
                s.endpoints(), notes), app.prints(), app.trackerOf());
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    private void copyBounded(InputStream in, Path out, String name) throws IOException {
        long max = scanner.limits().maxEntryBytes();
        try (InputStream capped = new CappedStream(in, max,
                () -> new IOException(name + ": larger than " + max + " bytes, the largest app read"))) {
            Files.copy(capped, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private enum Kind { APK, JAR, SPLITS, APPS, FIRMWARE }

    /** What a file is, from its name and, for a zip, its entries. */
    static Kind kind(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".apk") || n.endsWith(".aab")) {
            return Kind.APK;
        }
        if (n.endsWith(".jar") || n.endsWith(".aar")) {
            return Kind.JAR;
        }
        if (n.endsWith(".apks") || n.endsWith(".xapk")) {
            return Kind.SPLITS;
        }
        if (n.endsWith(".zip")) {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                if (zip.getEntry("AndroidManifest.xml") != null) {
                    return Kind.APK;
                }
                if (zip.getEntry("payload.bin") == null && zip.getEntry("system.transfer.list") == null
                        && !apkEntries(zip).isEmpty()) {
                    return Kind.APPS;
                }
            } catch (java.util.zip.ZipException e) {
                throw new IOException(file + ": not a zip file (" + e.getMessage() + ")");
            }
        }
        return Kind.FIRMWARE;
    }
}
