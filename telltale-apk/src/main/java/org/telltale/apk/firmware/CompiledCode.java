package org.telltale.apk.firmware;

import java.util.Arrays;
import java.util.Locale;

/**
 * Pairs an APK or jar with the files its code was compiled or moved into, so a scan can say "code moved to
 * .vdex/.odex" instead of "no trackers" for an APK without classes.dex. Android keeps them beside it as
 * {@code DIR/oat/ARCH/NAME.vdex} and {@code .odex} for {@code DIR/NAME.apk} (or {@code .jar}), and the
 * boot class path's as {@code /system/framework/ARCH/boot-NAME.vdex} for
 * {@code /system/framework/NAME.jar}. Files of one piece of code share a {@link #key}.
 */
public final class CompiledCode {
    private CompiledCode() {
    }

    /** Whether the path is a compiled or moved-out code file ({@code .vdex}, {@code .odex}). */
    public static boolean isCompiled(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".vdex") || lower.endsWith(".odex");
    }

    /**
     * The path of the APK or jar without its ending, for the APK or jar itself and for each compiled file
     * that belongs to it ({@code /system/app/Settings/Settings} for {@code /system/app/Settings/Settings.apk}
     * and {@code /system/app/Settings/oat/arm64/Settings.vdex}); other paths give themselves without their ending.
     */
    public static String key(String path) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        if (!isCompiled(path)) {
            return dir + stem;
        }
        // DIR/oat/ARCH/NAME.vdex belongs to DIR/NAME.apk.
        String[] parts = dir.split("/");
        if (parts.length >= 3 && parts[parts.length - 2].equals("oat")) {
            return String.join("/", Arrays.copyOf(parts, parts.length - 2)) + "/" + stem;
        }
        // /system/framework/ARCH/boot-NAME.vdex belongs to /system/framework/NAME.jar.
        if (parts.length == 4 && dir.startsWith("/system/framework/") && stem.startsWith("boot-")) {
            return "/system/framework/" + stem.substring("boot-".length());
        }
        return dir + stem;
    }
}
