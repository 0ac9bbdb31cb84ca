package org.telltale.apk.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.dex.DexReader;
import org.telltale.apk.jvm.JarClasses;
import org.telltale.apk.jvm.NativeStrings;
import org.telltale.apk.manifest.ManifestReader;
import org.telltale.apk.manifest.ResourceStrings;

/**
 * Reads the parts of an app that a scan judges out of its zip: the manifest, every DEX file, the
 * classes of JARs and AARs, the strings of native libraries and of resources. One pass over the
 * entries; each entry is read within {@link CodeLimits}, and an entry that cannot be read becomes a
 * note while the rest is still read.
 *
 * <p>An APK's DEX files are the {@code classesN.dex} at its root; an app bundle's ({@code .aab}) are
 * under {@code base/dex/} and its manifest is in protocol-buffer form, which is not read (a note says so).
 */
final class AppReader {
    /** Native strings shorter than this are noise (strings(1) uses 4; URLs are longer than 6). */
    private static final int MIN_NATIVE_STRING = 6;
    /** The most strings kept from one native library. */
    private static final int MAX_NATIVE_STRINGS = 200_000;
    private static final Pattern ROOT_DEX = Pattern.compile("classes\\d*\\.dex");
    private static final Pattern BUNDLE_DEX = Pattern.compile("[^/]+/dex/classes\\d*\\.dex");

    private final CodeLimits limits;

    AppReader(CodeLimits limits) {
        this.limits = limits;
    }

    /** Reads an APK or an app bundle into {@code into}; names entries as {@code prefix + entry}. */
    void readApk(Path file, String prefix, AppContents into) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            int count = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > limits.maxEntries()) {
                    into.notes.add(prefix + ": more than " + limits.maxEntries() + " entries; the rest not read");
                    break;
                }
                if (!entry.isDirectory()) {
                    readEntry(zip, entry, prefix, into);
                }
            }
        }
    }

    /**
     * Reads a JAR or an AAR into {@code into}: its class files, and the {@code classesN.dex} at its root, where
     * Android's own jars (the framework's, a vendor's) keep their code.
     */
    void readJar(Path file, String source, AppContents into) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            JarClasses.read(in, source, limits, c -> {
                into.jarClasses++;
                add(into, c);
            });
        } catch (CodeFormatException e) {
            into.notes.add(source + ": " + e.getMessage());
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            int count = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements() && ++count <= limits.maxEntries()) {
                ZipEntry entry = entries.nextElement();
                if (ROOT_DEX.matcher(entry.getName()).matches()) {
                    readEntry(zip, entry, source + "!", into);
                }
            }
        }
    }

    private void readEntry(ZipFile zip, ZipEntry entry, String prefix, AppContents into) throws IOException {
        String name = entry.getName();
        String place = prefix + name;
        boolean manifest = name.equals("AndroidManifest.xml");
        boolean dex = ROOT_DEX.matcher(name).matches() || BUNDLE_DEX.matcher(name).matches();
        boolean nativeLib = name.endsWith(".so") && (name.startsWith("lib/") || name.contains("/lib/"));
        boolean resources = name.equals("resources.arsc");
        boolean jar = name.endsWith(".jar") || name.endsWith(".aar");
        if (name.endsWith("/manifest/AndroidManifest.xml")) {
            into.notes.add(place + ": an app bundle's manifest is in protocol-buffer form and was not read;"
                    + " components are unknown, so no tracker is said to be reachable");
            return;
        }
        if (!(manifest || dex || nativeLib || resources || jar)) {
            return;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            if (nativeLib) {
                into.nativeLibs++;
                NativeStrings.extract(in, limits.maxEntryBytes(), MIN_NATIVE_STRING, MAX_NATIVE_STRINGS,
                        s -> into.fileStrings.add(new AppContents.PlacedString(s, place)));
                return;
            }
            if (jar) {
                JarClasses.read(in, place, limits, c -> {
                    into.jarClasses++;
                    add(into, c);
                });
                return;
            }
            byte[] bytes = BoundedEntries.read(in, entry, place, limits);
            if (manifest) {
                if (into.manifest == null) { // the base APK's, read first: a split's manifest has no components
                    into.manifest = ManifestReader.read(bytes);
                }
            } else if (dex) {
                for (CodeClass c : DexReader.read(bytes, place, limits)) {
                    add(into, c);
                }
                into.dexFiles++;
            } else {
                for (String s : ResourceStrings.read(bytes, limits)) {
                    into.fileStrings.add(new AppContents.PlacedString(s, place));
                }
            }
        } catch (CodeFormatException | IOException e) {
            into.notes.add(place + ": " + e.getMessage());
        }
    }

    private static void add(AppContents into, CodeClass c) {
        into.index.add(c);
        into.methods += c.methods().size();
    }
}
