package org.telltale.apk.code;

/**
 * Which classes belong to the platform an app runs on, and so cannot be renamed by an obfuscator
 * (R8, ProGuard, DexGuard): the Java and Android boot classes. Everything else, libraries such as
 * AndroidX, Kotlin's standard library or an SDK included, is the app's and may be renamed, so a
 * fingerprint abstracts it.
 */
public final class FrameworkNames {
    private static final String[] PREFIXES = {
        "java.", "javax.", "android.", "dalvik.", "org.json.", "org.w3c.dom.", "org.xml.sax.", "org.xmlpull.v1.",
        "org.apache.http.", "junit.framework.", "sun.misc.", "libcore.", "com.android.internal.",
    };

    private static final java.util.Set<String> PRIMITIVES =
            java.util.Set.of("void", "boolean", "byte", "char", "short", "int", "long", "float", "double");

    private FrameworkNames() {
    }

    /** Whether a dotted class name (or a dotted array element type) is the platform's. */
    public static boolean isFramework(String className) {
        String name = className;
        while (name.endsWith("[]")) {
            name = name.substring(0, name.length() - 2);
        }
        if (PRIMITIVES.contains(name)) {
            return true;
        }
        if (name.startsWith("android.support.")) {
            return false;
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
