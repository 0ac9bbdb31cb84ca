package org.telltale.apk.firmware;

import java.util.List;
import java.util.Locale;

/**
 * Where a partition's files sit on the device, and which of them a scan wants: app folders, framework
 * jars and every file that can carry code. One place for the rule, so the walker of every container
 * agrees on it.
 */
final class FirmwarePaths {
    /** Endings of files that carry code or are paired with an APK whose code was moved out. */
    private static final List<String> CODE = List.of(".apk", ".jar", ".vdex", ".odex", ".dex", ".so");
    /** Folders whose whole contents matter (resources and configuration beside the APKs too). */
    private static final List<String> APP_FOLDERS = List.of(
            "/system/app/", "/system/priv-app/",
            "/product/app/", "/product/priv-app/", "/product/overlay/",
            "/system_ext/app/", "/system_ext/priv-app/", "/system_ext/overlay/",
            "/vendor/app/", "/vendor/priv-app/", "/vendor/overlay/",
            "/odm/app/", "/odm/priv-app/", "/odm/overlay/",
            // Older images keep product, system_ext and vendor inside the system partition.
            "/system/product/app/", "/system/product/priv-app/", "/system/product/overlay/",
            "/system/system_ext/app/", "/system/system_ext/priv-app/", "/system/system_ext/overlay/",
            "/system/vendor/app/", "/system/vendor/priv-app/", "/system/vendor/overlay/");

    /** Partitions that hold files of interest, by the names Android gives them. */
    private static final List<String> PARTITIONS = List.of("system", "system_ext", "product", "vendor", "odm", "oem",
            "system_dlkm", "vendor_dlkm", "odm_dlkm");

    /** Partitions that never hold a file system (kernels, verified-boot data, modem firmware): not unpacked at all. */
    private static final List<String> NO_FILES = List.of("boot", "init_boot", "vendor_boot", "recovery", "dtbo",
            "vbmeta", "vbmeta_system", "vbmeta_vendor", "radio", "bootloader", "modem", "abl", "xbl", "tz", "aop",
            "keymaster", "cmnlib", "cmnlib64", "devcfg", "hyp", "dsp", "bluetooth", "logo", "splash", "pvmfw");

    private FirmwarePaths() {
    }

    /** Whether a partition of this name (slot suffix removed) never holds files, so unpacking it is wasted work. */
    static boolean holdsNoFiles(String partition) {
        return NO_FILES.contains(partition);
    }

    /**
     * The partition a single image file given by the user holds: its name when that names a partition
     * ({@code vendor.img}), else system, the image a user most often extracts and renames.
     */
    static String imagePartition(String fileName) {
        String name = partitionName(fileName);
        return PARTITIONS.contains(name) ? name : "system";
    }

    /**
     * The device path of a file at {@code path} (from the partition's root) in {@code partition}. A system
     * partition is mounted at {@code /} when it holds {@code /system} (system-as-root), at {@code /system}
     * otherwise; any other partition at its name.
     */
    static String devicePath(String partition, String path) {
        if (partition.equals("system")) {
            return path.startsWith("/system/") ? path : "/system" + path;
        }
        return "/" + partition + path;
    }

    /** Whether the walker hands this file to its visitor. */
    static boolean wanted(String devicePath) {
        String lower = devicePath.toLowerCase(Locale.ROOT);
        for (String end : CODE) {
            if (lower.endsWith(end)) {
                return true;
            }
        }
        for (String folder : APP_FOLDERS) {
            if (devicePath.startsWith(folder)) {
                return true;
            }
        }
        return false;
    }

    /** A partition's name without its A/B slot suffix or image ending ({@code system_a.img} is {@code system}). */
    static String partitionName(String name) {
        String n = name;
        for (String end : List.of(".new.dat.br", ".new.dat", ".img", ".simg", ".raw", ".ext4", ".erofs")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(end)) {
                n = n.substring(0, n.length() - end.length());
                break;
            }
        }
        if (n.endsWith("_a") || n.endsWith("_b")) {
            n = n.substring(0, n.length() - 2);
        }
        return n.isEmpty() ? "image" : n;
    }
}
