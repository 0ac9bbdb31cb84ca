package org.telltale.apk.scan;

import java.util.ArrayList;
import java.util.List;

import org.telltale.apk.manifest.AppManifest;

/**
 * Everything read out of one app before it is judged: its classes, its manifest, and the strings of
 * the files that are not code (native libraries, resources), each with where it came from.
 */
final class AppContents {
    final CodeIndex index = new CodeIndex();
    /** The manifest, or null for a JAR/AAR or an app whose manifest could not be read. */
    AppManifest manifest;
    final List<PlacedString> fileStrings = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    int dexFiles;
    int jarClasses;
    int methods;
    int nativeLibs;

    /** A string read from a file that is not code, and the file. */
    record PlacedString(String value, String where) {
    }
}
